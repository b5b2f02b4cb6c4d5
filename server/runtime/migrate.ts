import "server-only";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Applies the migrations in prisma/migrations with `prisma migrate deploy` (no shadow database,
 * safe to run on every start and from several instances: Prisma takes an advisory lock).
 */
export async function migrateDatabase(databaseUrl: string, { quiet = true } = {}): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (!quiet) process.stdout.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`Applying database migrations failed (prisma migrate deploy exited ${code}):\n${output.join("")}`);
}

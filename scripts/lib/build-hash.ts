import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Everything `next build` reads. A warm start skips the build when none of it changed.
const inputs = ["app", "components", "lib", "server", "messages", "public", "proxy.ts", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const skipped = new Set(["node_modules", "generated"]);

const defaultDistDir = () => process.env.ARBITER_DIST_DIR || ".next";

async function sourcesHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const input of inputs) {
    for (const file of await listFiles(input)) {
      hash.update(file).update("\0").update(await readFile(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

async function listFiles(entry: string): Promise<string[]> {
  const stat = await readdir(entry, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOTDIR") return null;
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (stat === null) return [entry];
  const files: string[] = [];
  for (const dirent of stat.sort((a, b) => a.name.localeCompare(b.name))) {
    if (skipped.has(dirent.name)) continue;
    const full = path.join(entry, dirent.name);
    if (dirent.isDirectory()) files.push(...(await listFiles(full)));
    else if (dirent.isFile()) files.push(full);
  }
  return files;
}

const marker = (distDir: string) => path.join(distDir, "arbiter-sources.sha256");
export const deploymentIdFile = (distDir = defaultDistDir()) => path.join(distDir, "arbiter-deployment-id");

async function isBuildCurrent(hash: string, distDir = defaultDistDir()): Promise<boolean> {
  const [recorded, buildId] = await Promise.all([
    readFile(marker(distDir), "utf8").catch(() => ""),
    readFile(path.join(distDir, "BUILD_ID"), "utf8").catch(() => ""),
  ]);
  return buildId !== "" && recorded.trim() === hash;
}

async function markBuilt(hash: string, distDir = defaultDistDir()): Promise<void> {
  await writeFile(marker(distDir), `${hash}\n`);
}

/**
 * Runs `next build` into `distDir` unless a build of the same sources is there. Returns whether it
 * built; throws when the build fails.
 */
export async function buildIfChanged({ distDir = defaultDistDir(), env = {}, quiet = false }: { distDir?: string; env?: Record<string, string | undefined>; quiet?: boolean } = {}): Promise<boolean> {
  // The deployment id is part of what was built (next.config.mjs bakes it into the pages).
  const given = env.ARBITER_DEPLOYMENT_ID ?? process.env.ARBITER_DEPLOYMENT_ID ?? "";
  const hash = createHash("sha256").update(await sourcesHash()).update(`\0${given}`).digest("hex");
  if (await isBuildCurrent(hash, distDir)) return false;
  // Without ARBITER_DEPLOYMENT_ID, the sources' hash: two machines building the same commit agree.
  const deploymentId = given || `src-${hash.slice(0, 16)}`;
  const next = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [next, "build"], {
      stdio: quiet ? "ignore" : "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, ARBITER_DIST_DIR: distDir, ARBITER_DEPLOYMENT_ID: deploymentId, NODE_ENV: "production" },
    });
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0) throw new Error(`next build exited with code ${code}`);
  // Read by next.config.mjs when the server starts (the build folder is made anew by next build).
  await writeFile(deploymentIdFile(distDir), `${deploymentId}\n`);
  await markBuilt(hash, distDir);
  return true;
}

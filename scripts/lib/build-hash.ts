import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

// Everything `next build` reads. A warm start skips the build when none of it changed.
const inputs = ["app", "components", "lib", "server", "public", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const skipped = new Set(["node_modules", "generated"]);

const defaultDistDir = () => process.env.ARBITER_DIST_DIR || ".next";

export async function sourcesHash(): Promise<string> {
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

export async function isBuildCurrent(hash: string, distDir = defaultDistDir()): Promise<boolean> {
  const [recorded, buildId] = await Promise.all([
    readFile(marker(distDir), "utf8").catch(() => ""),
    readFile(path.join(distDir, "BUILD_ID"), "utf8").catch(() => ""),
  ]);
  return buildId !== "" && recorded.trim() === hash;
}

export async function markBuilt(hash: string, distDir = defaultDistDir()): Promise<void> {
  await writeFile(marker(distDir), `${hash}\n`);
}

/**
 * First-load JS per page, read from a finished `next build` (Turbopack). For every app page it adds
 * up the browser chunks that page loads before it can run: the root main files of build-manifest.json
 * and every entry chunk its client-reference manifest names (root layout, group layouts, the page).
 * Sizes are raw and gzip (level 9), in KB of 1000 bytes.
 *
 *   node --import tsx bench/first-load-js.ts [distDir] [baselineDistDir]
 *
 * With a baseline build folder it prints both and the difference per page.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

type PageSize = { raw: number; gzip: number; files: number };

function collectManifests(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) collectManifests(full, found);
    else if (name === "page_client-reference-manifest.js") found.push(full);
  }
  return found;
}

export function measure(distDir: string): Map<string, PageSize> {
  const build = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[]; polyfillFiles: string[] };
  const sizeCache = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = (file: string) => {
    let size = sizeCache.get(file);
    if (!size) {
      const bytes = readFileSync(path.join(distDir, file));
      size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      sizeCache.set(file, size);
    }
    return size;
  };
  const pages = new Map<string, PageSize>();
  for (const manifestFile of collectManifests(path.join(distDir, "server", "app"))) {
    const sandbox = { globalThis: {} as Record<string, unknown> };
    vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
    const manifests = (sandbox.globalThis.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles: Record<string, string[]> }>;
    for (const [page, manifest] of Object.entries(manifests)) {
      const files = new Set(build.rootMainFiles);
      for (const chunks of Object.values(manifest.entryJSFiles)) for (const chunk of chunks) files.add(chunk);
      let raw = 0;
      let gzip = 0;
      for (const file of files) {
        const size = sizeOf(file);
        raw += size.raw;
        gzip += size.gzip;
      }
      const route = page.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
      pages.set(route, { raw, gzip, files: files.size });
    }
  }
  return pages;
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

const [distDir = ".next", baselineDir] = process.argv.slice(2);
const current = measure(distDir);
const baseline = baselineDir ? measure(baselineDir) : undefined;
const routes = [...current.keys()].sort((a, b) => (current.get(b)?.gzip ?? 0) - (current.get(a)?.gzip ?? 0));
console.log(`First-load JS per page, ${distDir}${baseline ? ` vs baseline ${baselineDir}` : ""} (KB, raw / gzip)`);
for (const route of routes) {
  const now = current.get(route)!;
  const before = baseline?.get(route);
  const line = `${route.padEnd(32)} ${kb(now.raw).padStart(8)} / ${kb(now.gzip).padStart(7)}`;
  if (!before) {
    console.log(line);
    continue;
  }
  const rawDelta = now.raw - before.raw;
  const gzipDelta = now.gzip - before.gzip;
  console.log(
    `${line}   baseline ${kb(before.raw).padStart(8)} / ${kb(before.gzip).padStart(7)}   change ${rawDelta >= 0 ? "+" : ""}${kb(rawDelta)} / ${gzipDelta >= 0 ? "+" : ""}${kb(gzipDelta)}   ratio ${(now.gzip / before.gzip).toFixed(3)}`,
  );
}

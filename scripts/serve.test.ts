// `npm run serve` serves one build and never builds: it refuses, before loading Next, to start without a
// build, with a build made under another deployment id, or without the configuration every instance
// shares. Each case runs the real script and reads its exit code and message.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function buildDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "arbiter-serve-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

function serve(env: Record<string, string>) {
  const config = { DATABASE_URL: "postgresql://a:b@127.0.0.1:1/x", AUTH_SECRET: "s", ARBITER_ENCRYPTION_KEY: "k" };
  const result = spawnSync(process.execPath, ["scripts/serve.mjs"], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", PORT: "1", ...config, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run serve refuses what would serve the wrong code", () => {
  it("without a build in its dist dir", async () => {
    const dir = await buildDir({});
    const { code, output } = serve({ ARBITER_DIST_DIR: dir });
    expect(code).toBe(1);
    expect(output).toContain(`No build in ${dir}/: run \`npm run build\` first`);
  });

  it("with a build made under another ARBITER_DEPLOYMENT_ID", async () => {
    const dir = await buildDir({ BUILD_ID: "b1", "arbiter-deployment-id": "v1\n" });
    const { code, output } = serve({ ARBITER_DIST_DIR: dir, ARBITER_DEPLOYMENT_ID: "v2" });
    expect(code).toBe(1);
    expect(output).toContain(`ARBITER_DEPLOYMENT_ID is "v2" but the build in ${dir}/ was made as "v1"`);
  });

  it("with a health cache time that is not a whole number of milliseconds", async () => {
    const dir = await buildDir({ BUILD_ID: "b1", "arbiter-deployment-id": "v1" });
    const { code, output } = serve({ ARBITER_DIST_DIR: dir, ARBITER_DEPLOYMENT_ID: "v1", ARBITER_HEALTH_CACHE_MS: "1s" });
    expect(code).toBe(1);
    expect(output).toContain('ARBITER_HEALTH_CACHE_MS must be a whole number of milliseconds, got "1s"');
  });

  it("with an admission cap, delay target or queue bound that is not a whole number in range", async () => {
    const dir = await buildDir({ BUILD_ID: "b1", "arbiter-deployment-id": "v1" });
    const cap = serve({ ARBITER_DIST_DIR: dir, ARBITER_DEPLOYMENT_ID: "v1", ARBITER_HTTP_CONCURRENCY: "0" });
    expect(cap.code).toBe(1);
    expect(cap.output).toContain('ARBITER_HTTP_CONCURRENCY must be "auto" or a whole number of requests from 1 to 10000 (requests inside Next at once), got "0"');
    const target = serve({ ARBITER_DIST_DIR: dir, ARBITER_DEPLOYMENT_ID: "v1", ARBITER_HTTP_TARGET_DELAY_MS: "20ms" });
    expect(target.code).toBe(1);
    expect(target.output).toContain('ARBITER_HTTP_TARGET_DELAY_MS must be a whole number of milliseconds from 1 to 10000');
    const queue = serve({ ARBITER_DIST_DIR: dir, ARBITER_DEPLOYMENT_ID: "v1", ARBITER_HTTP_QUEUE: "many" });
    expect(queue.code).toBe(1);
    expect(queue.output).toContain('ARBITER_HTTP_QUEUE must be a whole number of requests from 0 to 100000');
  });

  it("without the shared configuration, naming what is missing", async () => {
    const dir = await buildDir({ BUILD_ID: "b1", "arbiter-deployment-id": "v1" });
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "ARBITER_ENCRYPTION_KEY"]) {
      const { code, output } = serve({ ARBITER_DIST_DIR: dir, ARBITER_DEPLOYMENT_ID: "v1", [name]: "" });
      expect(code, name).toBe(1);
      expect(output).toContain(`${name} is not set`);
    }
  });
});

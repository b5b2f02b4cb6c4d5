// `npm test`: type check, lint, unit, integration (real Postgres), e2e (built app, headless Chromium),
// cluster (two app instances and three workers on one Postgres), chaos (`npm start` under a crash loop), then a summary. `npm test -- unit integration` runs only the named steps.
// One Postgres serves the whole run: TEST_DATABASE_URL / DATABASE_URL, or an embedded one.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { buildIfChanged } from "./lib/build-hash";
import { formatDuration } from "./lib/console";
import { findOrInstallChromium } from "./lib/find-chromium";
import { cloneDatabase, freePort, startTestPostgres } from "../tests/support/test-postgres";

const require = createRequire(import.meta.url);
const bin = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const allSteps = ["typecheck", "lint", "unit", "integration", "e2e", "cluster", "chaos"] as const;
type StepName = (typeof allSteps)[number];
type Counts = { passed: number; failed: number; skipped: number };
type Result = { step: StepName; ok: boolean; ms: number; counts?: Counts; note?: string };

// `npm test -- e2e -- <playwright args>`: what follows a second `--` goes to Playwright (a spec, --repeat-each).
const separator = process.argv.indexOf("--", 2);
const requested = process.argv.slice(2, separator === -1 ? undefined : separator);
const playwrightArgs = separator === -1 ? [] : process.argv.slice(separator + 1);
const unknown = requested.filter((name) => !(allSteps as readonly string[]).includes(name));
if (unknown.length) {
  console.error(`Unknown step(s): ${unknown.join(", ")}. Steps: ${allSteps.join(", ")}`);
  process.exit(2);
}
const steps = requested.length ? allSteps.filter((name) => requested.includes(name)) : allSteps;
// Per run, so that two runs on one machine (two developers' checkouts, or helpers) never collide.
const runDir = path.join(".test-run", `run-${process.pid}`);
const reports = path.join(runDir, "reports");
const results: Result[] = [];
const started = Date.now();

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function timed(step: StepName, work: () => Promise<Omit<Result, "step" | "ms">>): Promise<void> {
  console.log(`\n━━ ${step} ━━`);
  const t = Date.now();
  try {
    results.push({ step, ms: Date.now() - t, ...(await work()) });
  } catch (error) {
    results.push({ step, ok: false, ms: Date.now() - t, note: error instanceof Error ? error.message : String(error) });
  }
  results.at(-1)!.ms = Date.now() - t;
}

async function vitestCounts(file: string): Promise<Counts | undefined> {
  const report = JSON.parse(await readFile(file, "utf8").catch(() => "null")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
  return report ? { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests } : undefined;
}

async function playwrightCounts(file: string): Promise<Counts | undefined> {
  const report = JSON.parse(await readFile(file, "utf8").catch(() => "null")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
  return report ? { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped } : undefined;
}

async function vitest(project: "unit" | "integration" | "cluster" | "chaos", env: Record<string, string> = {}) {
  const output = path.join(reports, `${project}.json`);
  const code = await run(process.execPath, [bin("vitest", "vitest.mjs"), "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${output}`], env);
  return { ok: code === 0, counts: await vitestCounts(output) };
}

async function main(): Promise<void> {
  await rm(reports, { recursive: true, force: true });
  await mkdir(reports, { recursive: true });

  if (steps.includes("typecheck")) {
    await timed("typecheck", async () => ({ ok: (await run(process.execPath, [bin("typescript", "bin/tsc"), "--noEmit"])) === 0 }));
  }
  if (steps.includes("lint")) {
    await timed("lint", async () => ({ ok: (await run(process.execPath, [bin("eslint", "bin/eslint.js"), "--max-warnings=0", "."])) === 0 }));
  }
  if (steps.includes("unit")) await timed("unit", () => vitest("unit"));

  if (steps.includes("integration") || steps.includes("e2e")) await withTestDatabase();
  if (steps.includes("cluster")) {
    // Two `npm run serve` instances and three `npm run worker`s from the e2e build on one Postgres of
    // their own (tests/cluster), with one of each SIGKILLed midway.
    await timed("cluster", async () => {
      const distDir = process.env.ARBITER_E2E_DIST_DIR || ".next-e2e";
      try {
        if (await buildIfChanged({ distDir })) console.log("Built the app for the cluster step.");
      } catch (error) {
        return { ok: false, note: error instanceof Error ? error.message : String(error) };
      }
      return vitest("cluster", { ARBITER_DIST_DIR: distDir });
    });
  }
  if (steps.includes("chaos")) {
    // `npm start` under a crash loop (tests/chaos), served from the e2e build; it runs its own embedded Postgres.
    await timed("chaos", async () => {
      const distDir = process.env.ARBITER_E2E_DIST_DIR || ".next-e2e";
      try {
        if (await buildIfChanged({ distDir })) console.log("Built the app for the chaos step.");
      } catch (error) {
        return { ok: false, note: error instanceof Error ? error.message : String(error) };
      }
      return vitest("chaos", { ARBITER_DIST_DIR: distDir });
    });
  }
}

async function withTestDatabase(): Promise<void> {
  const database = await startTestPostgres();
  try {
    const server = JSON.stringify({ adminUrl: database.adminUrl, prefix: database.prefix });
    if (steps.includes("integration")) await timed("integration", () => vitest("integration", { ARBITER_TEST_DB_SERVER: server }));
    if (steps.includes("e2e")) {
      await timed("e2e", async () => {
        const chromium = await findOrInstallChromium();
        if (!chromium.path) return { ok: false, note: chromium.help };
        const distDir = process.env.ARBITER_E2E_DIST_DIR || ".next-e2e";
        try {
          if (await buildIfChanged({ distDir })) console.log("Built the app for the e2e suite.");
        } catch (error) {
          return { ok: false, note: error instanceof Error ? error.message : String(error) };
        }
        const output = path.join(reports, "e2e.json");
        const code = await run(process.execPath, [bin("@playwright/test", "cli.js"), "test", ...playwrightArgs], {
          ARBITER_E2E_DATABASE_URL: await cloneDatabase(database, "e2e"),
          ARBITER_E2E_PORT: String(await freePort()),
          ARBITER_E2E_AUTH_SECRET: randomBytes(32).toString("base64url"),
          ARBITER_E2E_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
          ARBITER_DIST_DIR: distDir,
          ARBITER_CHROMIUM: chromium.path,
          PLAYWRIGHT_JSON_OUTPUT_NAME: output,
          ARBITER_E2E_OUTPUT_DIR: path.join(runDir, "e2e-results"),
          // The specs' factories import server modules, which are `server-only`.
          NODE_OPTIONS: "--conditions=react-server",
        });
        return { ok: code === 0, counts: await playwrightCounts(output) };
      });
    }
  } finally {
    await database.stop();
  }
}

function summary(): boolean {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  console.log("\n━━ summary ━━");
  for (const result of results) {
    const counts = result.counts ? `${result.counts.passed} passed, ${result.counts.failed} failed${result.counts.skipped ? `, ${result.counts.skipped} skipped` : ""}` : "";
    console.log(`${result.ok && !result.counts?.failed ? "✔" : "✘"} ${result.step.padEnd(12)} ${formatDuration(result.ms).padStart(8)}  ${counts}${result.note ? `  ${result.note}` : ""}`);
    if (result.counts) {
      total.passed += result.counts.passed;
      total.failed += result.counts.failed;
      total.skipped += result.counts.skipped;
    }
    // A step that failed without failing tests (a type error, a lint error, no browser) still fails the run.
    if (!result.ok && !result.counts?.failed) total.failed += 1;
  }
  // A step passes only when its runner said so and its report counts no failure.
  const ok = results.length > 0 && results.every((result) => result.ok && !result.counts?.failed);
  console.log(`\n${ok ? "All steps passed" : "Some steps failed"} in ${formatDuration(Date.now() - started)}.`);
  console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  return ok;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    results.push({ step: steps.at(-1)!, ok: false, ms: 0, note: "the test run itself failed (see above)" });
  })
  .finally(async () => {
    const ok = summary();
    if (ok) await rm(runDir, { recursive: true, force: true });
    else console.log(`Reports, traces and screenshots: ${runDir}`);
    process.exit(ok ? 0 : 1);
  });

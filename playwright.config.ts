import { defineConfig, devices } from "@playwright/test";

// Run through `npm test` (or `npm test -- e2e`): scripts/test.ts builds the app into .next-e2e, makes a
// migrated database and finds Chromium, then hands them over in these variables.
const databaseUrl = process.env.ARBITER_E2E_DATABASE_URL;
const port = process.env.ARBITER_E2E_PORT;
const chromium = process.env.ARBITER_CHROMIUM;
if (!databaseUrl || !port || !chromium) {
  throw new Error("The e2e suite is prepared by scripts/test.ts: run `npm test -- e2e` rather than `playwright test`.");
}
const baseURL = `http://127.0.0.1:${port}`;
const appEnv = {
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: process.env.ARBITER_E2E_AUTH_SECRET ?? "",
  ARBITER_ENCRYPTION_KEY: process.env.ARBITER_E2E_ENCRYPTION_KEY ?? "",
  NEXTAUTH_URL: baseURL,
  PORT: port,
  HOST: "127.0.0.1",
  NODE_ENV: "production",
  ARBITER_DIST_DIR: process.env.ARBITER_DIST_DIR ?? ".next-e2e",
  NEXT_TELEMETRY_DISABLED: "1",
  // The test processes run with --conditions=react-server (for the factories); the app must not.
  NODE_OPTIONS: "",
};
// The specs' factories (and the generation worker some specs run) use the server's own services
// against the same database.
Object.assign(process.env, { DATABASE_URL: databaseUrl, AUTH_SECRET: appEnv.AUTH_SECRET, ARBITER_ENCRYPTION_KEY: appEnv.ARBITER_ENCRYPTION_KEY });

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: true,
  // Two cores on CI machines: two browsers at a time.
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  outputDir: process.env.ARBITER_E2E_OUTPUT_DIR ?? ".test-run/e2e-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  // The app and one worker, as `npm start` runs them: the app only queues exports, the worker builds them.
  webServer: [
    {
      command: "node scripts/serve.mjs",
      url: `${baseURL}/api/health`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node --conditions=react-server --import tsx scripts/worker.ts",
      wait: { stdout: /Generation worker \d+ started/ },
      env: { ...appEnv, ARBITER_EXPORT_POLL_MS: "250" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});

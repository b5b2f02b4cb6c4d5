import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
// `server-only` throws outside React Server Components; tests import server modules directly.
const alias = { "@": root, "server-only": fileURLToPath(new URL("./scripts/empty-module.ts", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "components/**/*.test.ts", "server/**/*.unit.test.ts", "scripts/**/*.test.ts", "tests/lint/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["server/**/*.int.test.ts", "tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/worker-setup.ts"],
          pool: "forks",
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // `npm test`'s chaos step (after e2e; alone: `npm run test:chaos`): runs `npm start` itself, on the
        // e2e build, with its own embedded Postgres; one file at a time, each bounded by its own hard stop.
        resolve: { alias },
        test: { name: "chaos", include: ["tests/chaos/**/*.test.ts"], environment: "node", pool: "forks", maxWorkers: 1, testTimeout: 180_000, hookTimeout: 60_000 },
      },
      {
        // `npm run test:cluster` (and `npm test`'s cluster step): two app instances and three workers from
        // the e2e build on its own embedded Postgres (tests/cluster).
        resolve: { alias },
        test: { name: "cluster", include: ["tests/cluster/**/*.test.ts"], environment: "node", pool: "forks", maxWorkers: 1, testTimeout: 240_000, hookTimeout: 60_000 },
      },
    ],
  },
});

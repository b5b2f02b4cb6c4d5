import { inject } from "vitest";
import { cloneDatabase } from "../support/test-postgres";

// One database per worker process, made once and kept for the files that worker runs. Set before any
// test file imports the server's modules, which read DATABASE_URL once.
if (!process.env.ARBITER_WORKER_DATABASE) {
  process.env.ARBITER_WORKER_DATABASE = await cloneDatabase(inject("testDatabaseServer"), `w${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}`);
}
process.env.DATABASE_URL = process.env.ARBITER_WORKER_DATABASE;
process.env.AUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
process.env.ARBITER_LOG_LEVEL ??= "warn"; // the generation worker logs a line per task

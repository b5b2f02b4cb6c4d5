import type { TestProject } from "vitest/node";
import { startTestPostgres, type TestDatabaseServer } from "../support/test-postgres";

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation needs an interface
  export interface ProvidedContext {
    testDatabaseServer: TestDatabaseServer;
  }
}

/** scripts/test.ts hands over its server in ARBITER_TEST_DB_SERVER; run alone, vitest starts its own. */
export default async function setup(project: TestProject) {
  const handedOver = process.env.ARBITER_TEST_DB_SERVER;
  if (handedOver) {
    project.provide("testDatabaseServer", JSON.parse(handedOver) as TestDatabaseServer);
    return;
  }
  const server = await startTestPostgres();
  project.provide("testDatabaseServer", { adminUrl: server.adminUrl, prefix: server.prefix });
  return () => server.stop();
}

import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { quoteIdent, startEmbeddedPostgres } from "../../server/runtime/embedded-postgres";
import { migrateDatabase } from "../../server/runtime/migrate";

/**
 * The Postgres a test run uses: TEST_DATABASE_URL (or DATABASE_URL) when set, else a throwaway embedded
 * one. Each run gets a migrated template database; each worker or suite a copy of it (cloneDatabase),
 * so tests never see another worker's rows. Plain values, so they can be handed to worker processes.
 */
export type TestDatabaseServer = {
  /** A connection string to the server's `postgres` database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** Every database of this run starts with this prefix; the template is `${prefix}template`. */
  prefix: string;
};

export async function startTestPostgres(): Promise<TestDatabaseServer & { stop(): Promise<void> }> {
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const prefix = `arbiter_test_${Date.now().toString(36)}${randomBytes(2).toString("hex")}_`;

  let adminUrl: string;
  let stopServer = async () => {};
  if (external) {
    adminUrl = withDatabase(external, "postgres");
  } else {
    const root = path.join(process.cwd(), ".test-run");
    await mkdir(root, { recursive: true });
    const dataDir = await mkdtemp(path.join(root, "pg-"));
    const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), user: "arbiter", password: "test", persistent: true });
    adminUrl = cluster.urlFor("postgres");
    stopServer = async () => {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }

  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(`${prefix}template`)}`);
  await migrateDatabase(withDatabase(adminUrl, `${prefix}template`));

  return {
    adminUrl,
    prefix,
    async stop() {
      if (external) {
        const { rows } = await adminQuery(adminUrl, "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
        for (const { datname } of rows as { datname: string }[]) {
          await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
        }
      }
      await stopServer();
    },
  };
}

/** A new database with every migration applied, copied from the run's template. */
export async function cloneDatabase(server: TestDatabaseServer, name: string): Promise<string> {
  const database = `${server.prefix}${name}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(`${server.prefix}template`)}`);
  return withDatabase(server.adminUrl, database);
}

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

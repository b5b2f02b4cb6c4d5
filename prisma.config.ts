// Loaded only by the Prisma CLI (migrate deploy / diff), never by the app.
// Prisma 6.19 runs migrations through its WebAssembly schema engine over adapter-pg, so no engine
// binary has to be downloaded. Faults of that path are mended here, in the CLI process only.
// The engine's shadow-database path (`migrate dev`, `diff --from-migrations`) panics here: new
// migrations are written with `npm run db:migration -- <name>` (scripts/new-migration.ts) instead.
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const require = createRequire(import.meta.url);

// prisma/orm#27403: introspection returns `name` (oid 19) and `char` (oid 18) columns, which
// adapter-pg 6.x cannot map ("Column type 'name' could not be deserialized"). Report them as text.
type FieldDescription = { dataTypeID: number };
const Result = require("pg/lib/result.js") as { prototype: { addFields(fields: FieldDescription[]): void } };
const addFields = Result.prototype.addFields;
Result.prototype.addFields = function (fields: FieldDescription[]) {
  for (const field of fields) if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
  return addFields.call(this, fields);
};

// The WebAssembly engine leaves 10 s and 60 s timers armed, so the CLI would linger after its work.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(handler, ms, ...args);
  if ((ms ?? 0) >= 5_000) timer.unref();
  return timer;
}) as typeof setTimeout;

// adapter-pg 6.x runs a migration script by splitting it on every ";" (inside a function body or a string
// too) and sending the pieces one by one, each in its own transaction. Send the script whole instead: one
// simple-protocol query, which Postgres runs as one implicit transaction, so a migration with a PL/pgSQL
// function applies, and applies whole or not at all.
function sendScriptsWhole(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = adapter.underlyingDriver() as { query(sql: string): Promise<unknown> };
    const toDriverError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await client.query(script);
      } catch (error) {
        toDriverError(error);
      }
    };
    return adapter;
  };
  return factory;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to connect to");
    // allowExitOnIdle: pg-pool's 10 s idle timers would otherwise keep the CLI alive after its work.
    return sendScriptsWhole(new PrismaPg({ connectionString, allowExitOnIdle: true }));
  },
});

import "server-only";
import { availableParallelism } from "node:os";
import { z } from "zod";

/**
 * Prisma's pool when DATABASE_POOL_SIZE is unset: twice the machine's cores plus one (PostgreSQL's
 * rule of thumb for a database on the same machine: more connections than that only queue on the
 * cores), at least 5 (a claim can wait for a prompt row another claim holds) and at most 20. 5 on a
 * 2-core machine, 17 on 8 cores. Measured with bench:load (README, "Speed").
 */
export const defaultPoolSize = (cores = availableParallelism()): number => Math.min(20, Math.max(5, 2 * cores + 1));

// Every variable the server reads, checked with a message that says what it is for. scripts/start.ts
// fills DATABASE_URL and AUTH_SECRET for the embedded default; a deployment sets them (README).
const databaseSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: the Postgres connection string, e.g. postgresql://user:pass@host:5432/arbiter" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string"),
  DATABASE_POOL_SIZE: z.coerce.number({ error: "DATABASE_POOL_SIZE must be a number" }).int().min(1).max(100).default(() => defaultPoolSize()),
  // node-postgres pool beside Prisma's (server/db/pg-pool.ts): imports, export snapshots and files.
  DATABASE_PG_POOL_SIZE: z.coerce.number({ error: "DATABASE_PG_POOL_SIZE must be a number" }).int().min(3, "DATABASE_PG_POOL_SIZE must be at least 3 (an export build holds up to three connections)").max(100).default(6),
});

const appSchema = databaseSchema.extend({
  AUTH_SECRET: z
    .string({ error: "AUTH_SECRET is not set: the key that signs session tokens (generate one with: openssl rand -base64 32)" })
    .min(32, "AUTH_SECRET must be at least 32 characters (generate one with: openssl rand -base64 32)"),
});

export type DatabaseConfig = z.infer<typeof databaseSchema>;
export type AppConfig = z.infer<typeof appSchema>;

function parse<S extends z.ZodType>(schema: S): z.output<S> {
  const parsed = schema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `- ${issue.message}`).join("\n");
  throw new Error(`Arbiter's configuration is incomplete:\n${problems}`);
}

let database: DatabaseConfig | undefined;
let app: AppConfig | undefined;

/** What the database client needs: enough for the CLI commands. */
export function getDatabaseConfig(): DatabaseConfig {
  return (database ??= parse(databaseSchema));
}

/**
 * The app's public URL (NEXTAUTH_URL), or undefined when unset (then the request's own address is
 * used). Read on its own, so that checks on every request need no other variable.
 */
export function getPublicUrl(): string | undefined {
  const value = process.env.NEXTAUTH_URL;
  return value && value.trim() !== "" ? value.trim() : undefined;
}

/** What the web app needs. */
export function getConfig(): AppConfig {
  return (app ??= parse(appSchema));
}

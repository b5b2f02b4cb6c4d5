import "server-only";
import { z } from "zod";
import { defaultPoolSize } from "./db/pool-size.mjs";

// Prisma's pool when DATABASE_POOL_SIZE is unset (4 per core plus 2, between 10 and 20): one rule, in plain
// JavaScript, because scripts/serve.mjs also reads it (its HTTP admission cap defaults to the pool's size).
export { defaultPoolSize };

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

import "server-only";
import { availableParallelism } from "node:os";
import { z } from "zod";

/**
 * Prisma's pool when DATABASE_POOL_SIZE is unset: 4 connections per core plus 2, between 10 and 20 (10 on
 * 2 cores, 18 on 4, 20 from 5 cores up). Not PostgreSQL's "2 x cores + 1" for busy connections: a
 * connection is also held while its claim waits for a prompt row another claim has locked, and while this
 * process's event loop is busy with other requests. On 2 cores bench:annotation showed no clear difference
 * between 5, 10 and 20 (README, "Connections to Postgres"), so 2 cores keep the former default of 10.
 */
export const defaultPoolSize = (cores = availableParallelism()): number => Math.min(20, Math.max(10, 4 * cores + 2));

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

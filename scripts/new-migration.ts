// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema as last
// committed (git HEAD) to prisma/schema.prisma as it is now. Review it, add what Prisma cannot express
// (partial indexes, CHECKs), and keep `assignments_one_active_lease`, which Prisma does not know of.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name in snake_case>");
  process.exit(1);
}
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: Prisma's schema engine connects to a database even to diff two schemas. Point it at any Postgres (npm run dev prints one).");
  process.exit(1);
}
const before = path.join(mkdtempSync(path.join(tmpdir(), "arbiter-migration-")), "schema.prisma");
writeFileSync(before, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const sql = execFileSync(process.execPath, [cli, "migrate", "diff", "--from-schema-datamodel", before, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], { encoding: "utf8" });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
console.log(`Wrote ${folder}/migration.sql`);

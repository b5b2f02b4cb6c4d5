// `npm run migrate`: applies the migrations of this checkout to DATABASE_URL (`prisma migrate deploy`).
// Run it once per upgrade, before starting instances of the new build; instances of the old build keep
// running meanwhile (migrations only add to the schema; README "Upgrades").
import { migrateDatabase } from "../server/runtime/migrate";
import { describeError } from "../lib/describe-error";

if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: the Postgres to migrate (npm start migrates its embedded database by itself).");
  process.exit(1);
}
try {
  await migrateDatabase(process.env.DATABASE_URL, { quiet: false });
  console.log("Migrations applied.");
} catch (error) {
  console.error(describeError(error));
  process.exit(1);
}

// Run by scripts/start.ts (with --conditions=react-server, as server modules are `server-only`).
// Prints the created accounts as JSON on its last line, or null when the database already had users.
import { getDb } from "../server/db/client";
import { seedFirstStart } from "../server/seed/seed-first-start";

try {
  console.log(JSON.stringify(await seedFirstStart()));
} finally {
  await getDb().$disconnect();
}

// npm run user -- <command> ...   Manage accounts from the server's shell (works while the app runs).
import { parseArgs } from "node:util";
import { systemActor } from "../server/authz/actor";
import { migrateDatabase } from "../server/runtime/migrate";
import { withLocalDatabase } from "../server/runtime/local-database";

const usage = `Usage: npm run user -- <command>
  list
  create <email> --role ADMIN|ANNOTATOR|ENGINEER [--name "Full Name"] [--password <password>]
  reset-password <email> [--password <password>]     (generated and printed when not given)
  set-role <email> <ADMIN|ANNOTATOR|ENGINEER>
  disable <email>
  enable <email>
Uses DATABASE_URL when set, otherwise the embedded database in .arbiter (ARBITER_DATA_DIR).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: "string" }, name: { type: "string" }, password: { type: "string" }, help: { type: "boolean", short: "h" } },
});
const [command, email, extra] = positionals;
if (values.help || !command) {
  console.log(usage);
  process.exit(command || values.help ? 0 : 1);
}

const actor = systemActor("npm run user");

try {
  await withLocalDatabase(async (databaseUrl) => {
    process.env.DATABASE_URL = databaseUrl;
    await migrateDatabase(databaseUrl);
    // Imported after DATABASE_URL is known: the database client reads it once.
    const { getDb } = await import("../server/db/client");
    const { createUser } = await import("../server/services/users/create-user");
    const { listUsers } = await import("../server/services/users/list-users");
    const { resetUserPassword } = await import("../server/services/users/reset-user-password");
    const { updateUser } = await import("../server/services/users/update-user");

    const userId = async () => {
      if (!email) throw new Error(`"${command}" needs an email.\n\n${usage}`);
      const user = await getDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
      if (!user) throw new Error(`No user with the email ${email}.`);
      return user.id;
    };

    try {
      switch (command) {
        case "list":
          for (const user of await listUsers({ actor })) {
            console.log(`${user.role.padEnd(10)} ${user.email.padEnd(32)} ${user.disabledAt ? "disabled" : "active  "} ${user.name}`);
          }
          break;
        case "create": {
          const { user, generatedPassword } = await createUser({
            actor,
            input: { email, name: values.name ?? email?.split("@")[0] ?? "", role: values.role?.toUpperCase(), password: values.password ?? "" },
          });
          console.log(`Created ${user.role} ${user.email}.${generatedPassword ? ` Password (shown once): ${generatedPassword}` : ""}`);
          break;
        }
        case "reset-password": {
          const { password } = await resetUserPassword({ actor, userId: await userId(), password: values.password });
          console.log(`New password for ${email}${values.password ? " set" : ` (shown once): ${password}`}. Their open sessions have ended.`);
          break;
        }
        case "set-role":
          await updateUser({ actor, userId: await userId(), input: { role: extra?.toUpperCase() } });
          console.log(`${email} is now ${extra?.toUpperCase()}.`);
          break;
        case "disable":
        case "enable":
          await updateUser({ actor, userId: await userId(), input: { disabled: command === "disable" } });
          console.log(`${email} is ${command}d.`);
          break;
        default:
          throw new Error(`Unknown command "${command}".\n\n${usage}`);
      }
    } finally {
      await getDb().$disconnect();
    }
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

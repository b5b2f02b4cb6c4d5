import "server-only";
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where the embedded default keeps its database, secrets and first-start credentials. */
export function resolveDataDir(): string {
  return path.resolve(process.env.ARBITER_DATA_DIR || path.join(process.cwd(), ".arbiter"));
}

export type LocalSecrets = {
  /** Signs session tokens (AUTH_SECRET). */
  authSecret: string;
  /** The embedded Postgres superuser's password. */
  databasePassword: string;
  /** Encrypts endpoint API keys at rest (ARBITER_ENCRYPTION_KEY): 32 random bytes, base64. */
  encryptionKey: string;
};

/**
 * Secrets generated on the first start of the embedded default and kept in the data folder, readable
 * by the owner only, so that a restart keeps sessions and the database password.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
  await ensureDataDir(dataDir);
  const file = path.join(dataDir, "secrets.json");
  const existing = await readFile(file, "utf8").catch(() => null);
  if (existing !== null) {
    const parsed = JSON.parse(existing) as Partial<LocalSecrets>;
    if (parsed.authSecret && parsed.databasePassword) {
      if (parsed.encryptionKey) return { authSecret: parsed.authSecret, databasePassword: parsed.databasePassword, encryptionKey: parsed.encryptionKey };
      // A data folder from before endpoints existed: add the key, keep the rest (nothing is encrypted yet).
      const upgraded: LocalSecrets = { authSecret: parsed.authSecret, databasePassword: parsed.databasePassword, encryptionKey: randomBytes(32).toString("base64") };
      await writeOwnerOnly(file, `${JSON.stringify(upgraded, null, 2)}\n`);
      return upgraded;
    }
    throw new Error(`${file} is incomplete; move it away to have new secrets generated (existing sessions will end).`);
  }
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    databasePassword: randomBytes(24).toString("base64url"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  await writeOwnerOnly(file, `${JSON.stringify(secrets, null, 2)}\n`);
  return secrets;
}

export async function ensureDataDir(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  // Traversable but not listable by others: as root, Postgres runs as the `postgres` user and must
  // reach its own folder inside this one; the secret files in it are owner-only.
  await chmod(dataDir, 0o711);
}

export async function writeOwnerOnly(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: 0o600 });
  await chmod(file, 0o600);
}

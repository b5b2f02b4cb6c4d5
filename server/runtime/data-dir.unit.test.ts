import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateSecrets } from "./data-dir";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "arbiter-secrets-"));
  dirs.push(dir);
  return dir;
};

describe("local secrets", () => {
  it("generates an encryption key of 32 bytes with the others, owner-only, and keeps it across starts", async () => {
    const dir = await tempDir();
    const first = await loadOrCreateSecrets(dir);
    expect(Buffer.from(first.encryptionKey, "base64")).toHaveLength(32);
    expect(await loadOrCreateSecrets(dir)).toEqual(first);
    expect((await stat(path.join(dir, "secrets.json"))).mode & 0o777).toBe(0o600);
  });

  it("adds the key to a data folder made before it existed, keeping the other secrets", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "secrets.json"), JSON.stringify({ authSecret: "a".repeat(40), databasePassword: "pw" }));
    const upgraded = await loadOrCreateSecrets(dir);
    expect(upgraded).toMatchObject({ authSecret: "a".repeat(40), databasePassword: "pw" });
    expect(Buffer.from(upgraded.encryptionKey, "base64")).toHaveLength(32);
    expect(JSON.parse(await readFile(path.join(dir, "secrets.json"), "utf8"))).toEqual(upgraded);
  });
});

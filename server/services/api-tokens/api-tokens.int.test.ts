import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { systemActor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { updateUser } from "../users/update-user";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { resolveApiToken } from "./resolve-api-token";
import { revokeApiToken } from "./revoke-api-token";
import { hashToken } from "./internal/token-format";

describe("personal API tokens", () => {
  it("shows the token once, stores only its sha256, and resolves it to its user until revoked", async () => {
    const engineer = await makeUser("ENGINEER");
    const { token, info } = await createApiToken({ actor: engineer, input: { name: "pipeline" } });
    expect(token).toMatch(/^arb_[A-Za-z0-9_-]{43}$/);
    const stored = await getDb().apiToken.findUniqueOrThrow({ where: { id: info.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(10));
    expect(JSON.stringify(await listApiTokens({ actor: engineer }))).not.toContain(stored.tokenHash);

    expect(await resolveApiToken(token)).toMatchObject({ id: engineer.id, role: "ENGINEER" });
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: info.id } })).lastUsedAt).toBeInstanceOf(Date);
    expect(await resolveApiToken(`${token}x`)).toBeNull();

    await revokeApiToken({ actor: engineer, tokenId: info.id });
    expect(await resolveApiToken(token)).toBeNull();
  });

  it("stops a disabled user's tokens, and an expired token", async () => {
    const engineer = await makeUser("ENGINEER");
    const { token } = await createApiToken({ actor: engineer, input: { name: "ci" } });
    await updateUser({ actor: systemActor("test"), userId: engineer.id, input: { disabled: true } });
    expect(await resolveApiToken(token)).toBeNull();
    // Enabling the user again does not revive the token: disabling revoked it.
    await updateUser({ actor: systemActor("test"), userId: engineer.id, input: { disabled: false } });
    expect(await resolveApiToken(token)).toBeNull();
    expect((await listApiTokens({ actor: engineer })).every((listed) => listed.revokedAt !== null)).toBe(true);
    const fresh = await createApiToken({ actor: engineer, input: { name: "after" } });
    expect(await resolveApiToken(fresh.token)).toMatchObject({ id: engineer.id });

    const other = await makeUser("ADMIN");
    const expiring = await createApiToken({ actor: other, input: { name: "short", expiresInDays: 1 } });
    await getDb().apiToken.update({ where: { id: expiring.info.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveApiToken(expiring.token)).toBeNull();
  });

  it("lets no one revoke or list another user's tokens, and annotators have none", async () => {
    const owner = await makeUser("ENGINEER");
    const intruder = await makeUser("ENGINEER");
    const { info } = await createApiToken({ actor: owner, input: { name: "mine" } });
    await expect(revokeApiToken({ actor: intruder, tokenId: info.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listApiTokens({ actor: intruder })).toEqual([]);
    const annotator = await makeUser("ANNOTATOR");
    await expect(createApiToken({ actor: annotator, input: { name: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createApiToken({ actor: owner, input: { name: " " } })).rejects.toMatchObject({ code: "BAD_REQUEST", fields: { name: "give the token a name" } });
  });
});

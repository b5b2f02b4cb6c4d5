import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { systemActor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { resetUserPassword } from "./reset-user-password";
import { updateUser } from "./update-user";

const expectAppError = async (promise: Promise<unknown>, code: AppError["code"], message?: RegExp) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
};

describe("user management", () => {
  it("creates a user with a generated password, stores only its hash, and audits it in the same transaction", async () => {
    const admin = await makeUser("ADMIN");
    const { user, generatedPassword } = await createUser({ actor: admin, input: { email: ` New.Person-${Date.now()}@Example.com `, name: "New Person", role: "ANNOTATOR", password: "" } });
    expect(user.email).toMatch(/^new\.person-\d+@example\.com$/);
    expect(generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(generatedPassword);
    const audit = await getDb().auditLog.findMany({ where: { entityId: user.id } });
    expect(audit.map((row) => [row.action, row.actorId])).toEqual([["user.create", admin.id]]);
  });

  it("refuses a second account with the same email, whatever its case, naming the field", async () => {
    const admin = await makeUser("ADMIN");
    const existing = await makeUser("ENGINEER");
    const error = await createUser({ actor: admin, input: { email: existing.email.toUpperCase(), name: "Dup", role: "ENGINEER" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT", fields: { email: "already in use" } });
  });

  it("refuses every user-management call from annotators and engineers", async () => {
    for (const role of ["ANNOTATOR", "ENGINEER"] as const) {
      const actor = await makeUser(role);
      const target = await makeUser("ANNOTATOR");
      await expectAppError(listUsers({ actor }), "FORBIDDEN", new RegExp(`Your role \\(${role}\\)`));
      await expectAppError(createUser({ actor, input: { email: "x@y.zz", name: "X", role: "ADMIN" } }), "FORBIDDEN");
      await expectAppError(updateUser({ actor, userId: target.id, input: { role: "ADMIN" } }), "FORBIDDEN");
      await expectAppError(resetUserPassword({ actor, userId: target.id }), "FORBIDDEN");
    }
  });

  it("disabling a user or changing their role ends their sessions; renaming does not", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("ANNOTATOR");
    const version = async () => (await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    expect(await version()).toBe(0);
    await updateUser({ actor: admin, userId: user.id, input: { name: "Renamed" } });
    expect(await version()).toBe(0);
    const disabled = await updateUser({ actor: admin, userId: user.id, input: { disabled: true } });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    expect(await version()).toBe(1);
    await updateUser({ actor: admin, userId: user.id, input: { disabled: false, role: "ENGINEER" } });
    expect(await version()).toBe(2);
  });

  it("keeps at least one active admin and does not let an admin lock themselves out", async () => {
    const admin = await makeUser("ADMIN");
    await expectAppError(updateUser({ actor: admin, userId: admin.id, input: { disabled: true } }), "BAD_REQUEST", /your own account/);
    await expectAppError(updateUser({ actor: admin, userId: admin.id, input: { role: "ENGINEER" } }), "BAD_REQUEST", /your own/);
    // Demote every other admin of this worker's database; the last one cannot go.
    const others = await getDb().user.findMany({ where: { role: "ADMIN", disabledAt: null, id: { not: admin.id } } });
    for (const other of others) await updateUser({ actor: admin, userId: other.id, input: { role: "ENGINEER" } });
    const lastAdmin = await makeUser("ADMIN");
    await updateUser({ actor: lastAdmin, userId: admin.id, input: { disabled: true } });
    await expectAppError(updateUser({ actor: systemActor("test"), userId: lastAdmin.id, input: { role: "ANNOTATOR" } }), "BAD_REQUEST", /last active admin/);
  });

  it("resets a password: the new one works, the sessions end, an unknown or malformed id is not found", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("ENGINEER");
    const { password } = await resetUserPassword({ actor: admin, userId: user.id });
    expect(password).toHaveLength(20);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    await expectAppError(resetUserPassword({ actor: admin, userId: "3f0c1c2e-0000-4000-8000-000000000000" }), "NOT_FOUND");
    await expectAppError(resetUserPassword({ actor: admin, userId: "'; DROP TABLE users; --" }), "NOT_FOUND");
    await expectAppError(resetUserPassword({ actor: admin, userId: user.id, password: "short" }), "BAD_REQUEST", /at least 12 characters/);
  });

  it("refuses common and trivial passwords, saying why, wherever a person chooses one", async () => {
    const admin = await makeUser("ADMIN");
    const email = `weak-${Date.now()}@test.arbiter`;
    for (const password of ["password1234", "aaaaaaaaaaaa", "qwertyuiop12"]) {
      await expectAppError(createUser({ actor: admin, input: { email, name: "Weak", role: "ADMIN", password } }), "BAD_REQUEST", /^This password is too easy to guess: /);
    }
    await expectAppError(createUser({ actor: admin, input: { email, name: "Weak", role: "ADMIN", password: `${email}1` } }), "BAD_REQUEST", /too easy to guess/);
    expect(await getDb().user.count({ where: { email } })).toBe(0);

    const user = await makeUser("ENGINEER");
    await expectAppError(resetUserPassword({ actor: admin, userId: user.id, password: "password1234" }), "BAD_REQUEST", /too close to a commonly used password/);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(0);
    expect((await resetUserPassword({ actor: admin, userId: user.id, password: "lantern orbit cactus velvet" })).password).toBe("lantern orbit cactus velvet");
  });
});

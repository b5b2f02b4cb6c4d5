import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { systemActor } from "../authz/actor";
import { getDb } from "../db/client";
import { resetUserPassword } from "../services/users/reset-user-password";
import { SIGN_IN_LIMITS, verifySignIn } from "./verify-sign-in";

const ip = () => `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: { code: string; message: string }) => ({ code: error.code, message: error.message }));

describe("verifySignIn", () => {
  it("accepts the right password and records the sign-in", async () => {
    const user = await makeUser("ANNOTATOR");
    const signedIn = await verifySignIn({ email: user.email.toUpperCase(), password: user.password, ip: ip() });
    expect(signedIn).toEqual({ id: user.id, sessionVersion: 0 });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeInstanceOf(Date);
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const user = await makeUser("ANNOTATOR");
    expect(await failure(verifySignIn({ email: user.email, password: "wrong-password", ip: ip() }))).toEqual({ code: "UNAUTHENTICATED", message: "Wrong email or password." });
    expect(await failure(verifySignIn({ email: `nobody-${randomUUID()}@test.arbiter`, password: "whatever", ip: ip() }))).toEqual({ code: "UNAUTHENTICATED", message: "Wrong email or password." });
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await makeUser("ENGINEER");
    await getDb().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await failure(verifySignIn({ email: user.email, password: user.password, ip: ip() }))).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/disabled/) });
  });

  it("locks an account after repeated failures, from any address, even for the right password", async () => {
    const user = await makeUser("ANNOTATOR");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect((await failure(verifySignIn({ email: user.email, password: `wrong-${i}`, ip: ip() })))?.code).toBe("UNAUTHENTICATED");
    }
    expect((await failure(verifySignIn({ email: user.email, password: user.password, ip: ip() })))?.code).toBe("RATE_LIMITED");
  });

  it("limits one address that tries many accounts", async () => {
    const address = ip();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) {
      await failure(verifySignIn({ email: `spray-${i}-${randomUUID()}@test.arbiter`, password: "guess", ip: address }));
    }
    const user = await makeUser("ANNOTATOR");
    expect((await failure(verifySignIn({ email: user.email, password: user.password, ip: address })))?.code).toBe("RATE_LIMITED");
    expect(await verifySignIn({ email: user.email, password: user.password, ip: ip() })).toMatchObject({ id: user.id });
  });
});

describe("the sign-in lock", () => {
  it("says when it lifts, counted from the oldest failure that keeps it", async () => {
    const user = await makeUser("ANNOTATOR");
    const oldest = new Date(Date.now() - 10 * 60_000);
    await getDb().authFailure.createMany({
      data: Array.from({ length: SIGN_IN_LIMITS.perAccount }, (_, i) => ({ email: user.email, ip: ip(), createdAt: new Date(oldest.getTime() + i * 1000) })),
    });
    const liftsAt = new Date(oldest.getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000).toISOString().slice(11, 16);
    expect(await failure(verifySignIn({ email: user.email, password: user.password, ip: ip() }))).toEqual({
      code: "RATE_LIMITED",
      message: `Too many failed sign-ins. Try again in 5 minutes (at ${liftsAt} UTC), or ask an admin to reset your password (that lifts it at once).`,
    });
  });

  it("is lifted by an admin's password reset", async () => {
    const user = await makeUser("ANNOTATOR");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await failure(verifySignIn({ email: user.email, password: `wrong-${i}`, ip: ip() }));
    expect((await failure(verifySignIn({ email: user.email, password: user.password, ip: ip() })))?.code).toBe("RATE_LIMITED");
    const { password } = await resetUserPassword({ actor: systemActor("test"), userId: user.id });
    expect(await verifySignIn({ email: user.email, password, ip: ip() })).toMatchObject({ id: user.id });
  });
});

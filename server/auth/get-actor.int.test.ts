import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../db/client";
import { updateUser } from "../services/users/update-user";
import { resetUserPassword } from "../services/users/reset-user-password";
import { actorFromSessionCookies } from "./get-actor";

const secret = process.env.AUTH_SECRET!;
const COOKIE = "next-auth.session-token";

/** The session cookie next-auth sets at sign-in: its JWT names the user and their session version. */
async function sessionCookie(userId: string, sv: number, maxAge = 3600): Promise<Record<string, string>> {
  return { [COOKIE]: await encode({ token: { sub: userId, sv }, secret, maxAge }) };
}

describe("the session check on every request", () => {
  it("reads the signed-in user from the cookie, and a disabled user loses access at the next request", async () => {
    const admin = await makeUser("ADMIN");
    const annotator = await makeUser("ANNOTATOR");
    const cookies = await sessionCookie(annotator.id, 0);
    expect(await actorFromSessionCookies(cookies)).toEqual({ id: annotator.id, email: annotator.email, name: annotator.name, role: "ANNOTATOR", locale: null });

    await updateUser({ actor: admin, userId: annotator.id, input: { disabled: true } });
    expect(await actorFromSessionCookies(cookies)).toBeNull();
    // Enabled again, the old cookie stays dead (disabling bumped the session version): a new sign-in is needed.
    await updateUser({ actor: admin, userId: annotator.id, input: { disabled: false } });
    expect(await actorFromSessionCookies(cookies)).toBeNull();
    const { sessionVersion } = await getDb().user.findUniqueOrThrow({ where: { id: annotator.id }, select: { sessionVersion: true } });
    expect(await actorFromSessionCookies(await sessionCookie(annotator.id, sessionVersion))).toMatchObject({ id: annotator.id });
  });

  it("refuses a user disabled in the database even with a current session version", async () => {
    const annotator = await makeUser("ANNOTATOR");
    const cookies = await sessionCookie(annotator.id, 0);
    expect(await actorFromSessionCookies(cookies)).not.toBeNull();
    await getDb().user.update({ where: { id: annotator.id }, data: { disabledAt: new Date() } });
    expect(await actorFromSessionCookies(cookies)).toBeNull();
  });

  it("takes the role from the database, and ends the session on a password reset", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("ANNOTATOR");
    const cookies = await sessionCookie(user.id, 0);
    await getDb().user.update({ where: { id: user.id }, data: { role: "ENGINEER" } });
    expect(await actorFromSessionCookies(cookies)).toMatchObject({ id: user.id, role: "ENGINEER" });
    await resetUserPassword({ actor: admin, userId: user.id });
    expect(await actorFromSessionCookies(cookies)).toBeNull();
  });

  it("refuses a tampered, expired or foreign token, and a bare bearer header is never a session", async () => {
    const user = await makeUser("ANNOTATOR");
    const good = (await sessionCookie(user.id, 0))[COOKIE]!;
    const tampered = `${good.slice(0, -4)}${good.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(await actorFromSessionCookies({ [COOKIE]: tampered })).toBeNull();
    expect(await actorFromSessionCookies(await sessionCookie(user.id, 0, -60))).toBeNull();
    const foreign = await encode({ token: { sub: user.id, sv: 0 }, secret: "another-secret-another-secret-another-secret", maxAge: 3600 });
    expect(await actorFromSessionCookies({ [COOKIE]: foreign })).toBeNull();
    expect(await actorFromSessionCookies({})).toBeNull();
    // The secure-prefixed name is another origin's cookie (https): not read on this http origin.
    expect(await actorFromSessionCookies({ [`__Secure-${COOKIE}`]: good })).toBeNull();
  });
});

import "server-only";
import { signInSchema } from "@/lib/schemas/user";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { dummyPasswordHash, verifyPassword } from "./password";

// Failed sign-ins within the window, per account and per client address. Kept in Postgres so the
// limits hold across app instances.
export const SIGN_IN_LIMITS = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

export type SignedInUser = { id: string; sessionVersion: number };

/**
 * Checks an email and password. Returns the user, or throws AppError UNAUTHENTICATED (wrong or
 * disabled) or RATE_LIMITED. The same message for an unknown email and a wrong password.
 */
export async function verifySignIn({ email, password, ip }: { email: unknown; password: unknown; ip: string }): Promise<SignedInUser> {
  const parsed = signInSchema.safeParse({ email, password });
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", { key: "auth.enterCredentials" });
  const db = getDb();
  const account = parsed.data.email;

  const now = Date.now();
  const windowMs = SIGN_IN_LIMITS.windowMinutes * 60_000;
  const since = new Date(now - windowMs);
  // The newest `limit` failures: once the oldest of them leaves the window, one more attempt is allowed.
  const [accountFailures, addressFailures] = await Promise.all([
    db.authFailure.findMany({ where: { email: account, createdAt: { gte: since } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: SIGN_IN_LIMITS.perAccount }),
    db.authFailure.findMany({ where: { ip, createdAt: { gte: since } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: SIGN_IN_LIMITS.perAddress }),
  ]);
  const lifts = [
    accountFailures.length >= SIGN_IN_LIMITS.perAccount ? accountFailures.at(-1)!.createdAt.getTime() + windowMs : 0,
    addressFailures.length >= SIGN_IN_LIMITS.perAddress ? addressFailures.at(-1)!.createdAt.getTime() + windowMs : 0,
  ];
  const liftsAt = Math.max(...lifts);
  if (liftsAt > 0) {
    const minutes = Math.max(1, Math.ceil((liftsAt - now) / 60_000));
    const at = new Date(liftsAt).toISOString().slice(11, 16);
    const isAccountLocked = accountFailures.length >= SIGN_IN_LIMITS.perAccount;
    throw new AppError("RATE_LIMITED", { key: isAccountLocked ? "auth.tooManyFailuresAccount" : "auth.tooManyFailures", params: { minutes, at } });
  }

  const user = await db.user.findUnique({ where: { email: account }, select: { id: true, passwordHash: true, disabledAt: true, sessionVersion: true } });
  const isValid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
  if (!user || !isValid) {
    await db.$transaction([
      db.authFailure.create({ data: { email: account, ip } }),
      db.authFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 3_600_000) } } }),
    ]);
    throw new AppError("UNAUTHENTICATED", { key: "auth.wrongCredentials" });
  }
  if (user.disabledAt) throw new AppError("UNAUTHENTICATED", { key: "auth.disabled" });

  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, sessionVersion: user.sessionVersion };
}

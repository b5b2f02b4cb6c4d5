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
  if (!parsed.success) throw new AppError("UNAUTHENTICATED", "Enter your email and password.");
  const db = getDb();
  const account = parsed.data.email;

  const since = new Date(Date.now() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const [accountFailures, addressFailures] = await Promise.all([
    db.authFailure.count({ where: { email: account, createdAt: { gte: since } } }),
    db.authFailure.count({ where: { ip, createdAt: { gte: since } } }),
  ]);
  if (accountFailures >= SIGN_IN_LIMITS.perAccount || addressFailures >= SIGN_IN_LIMITS.perAddress) {
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${SIGN_IN_LIMITS.windowMinutes} minutes, or ask an admin to reset your password.`);
  }

  const user = await db.user.findUnique({ where: { email: account }, select: { id: true, passwordHash: true, disabledAt: true, sessionVersion: true } });
  const isValid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
  if (!user || !isValid) {
    await db.$transaction([
      db.authFailure.create({ data: { email: account, ip } }),
      db.authFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 3_600_000) } } }),
    ]);
    throw new AppError("UNAUTHENTICATED", "Wrong email or password.");
  }
  if (user.disabledAt) throw new AppError("UNAUTHENTICATED", "This account is disabled. Ask an admin to enable it.");

  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, sessionVersion: user.sessionVersion };
}

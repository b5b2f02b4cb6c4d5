import { randomUUID } from "node:crypto";
import type { Role } from "../../lib/vocabulary";
import { systemActor, type Actor } from "../../server/authz/actor";
import { createUser } from "../../server/services/users/create-user";

export type TestUser = Actor & { password: string };

/** A user with a unique email, made through the same service the app uses. */
export async function makeUser(role: Role, { label = role.toLowerCase() } = {}): Promise<TestUser> {
  const password = `pw-${randomUUID()}`;
  const email = `${label}-${randomUUID().slice(0, 8)}@test.arbiter`;
  const { user } = await createUser({ actor: systemActor("test factory"), input: { email, name: `Test ${label}`, role, password } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, password };
}

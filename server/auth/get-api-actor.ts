import "server-only";
import { headers } from "next/headers";
import type { Actor } from "../authz/actor";
import { AppError } from "../errors";
import { resolveApiToken } from "../services/api-tokens/resolve-api-token";
import { noteRequestUser } from "../observability/request-context";
import { getActor } from "./get-actor";

/**
 * For the machine API: `Authorization: Bearer <personal API token>`, or else the browser session.
 * A bearer header that is present but wrong is refused outright rather than falling back to a cookie,
 * so a script never silently acts as whoever is signed in in the browser.
 */
export async function requireApiActor(): Promise<Actor> {
  const authorization = (await headers()).get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const actor = match ? await resolveApiToken(match[1]!) : null;
    if (!actor) throw new AppError("UNAUTHENTICATED", { key: "auth.tokenInvalid" });
    noteRequestUser(actor.id);
    return actor;
  }
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", { key: "auth.signInOrToken", params: { token: "<API token>" } });
  return actor;
}

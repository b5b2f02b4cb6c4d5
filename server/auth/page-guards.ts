import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import type { Permission } from "@/lib/authz/permissions";
import type { Actor } from "../authz/actor";
import { getActor } from "./get-actor";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";

/** /signin, with the page asked for as callbackUrl when proxy.ts told us which it was. */
async function signInUrl(): Promise<string> {
  const path = safeCallbackUrl((await headers()).get(REQUEST_PATH_HEADER));
  return path && path !== "/" ? `/signin?callbackUrl=${encodeURIComponent(path)}` : "/signin";
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requirePageActor(): Promise<Actor> {
  // Per request, never prerendered: `next build` has no database and no AUTH_SECRET to read a session with.
  await connection();
  const actor = await getActor();
  if (!actor) redirect(await signInUrl());
  return actor;
}

/**
 * The signed-in user if their role has `permission`, else the 403 page (app/forbidden.tsx). Every page
 * calls this itself: layouts are not a security boundary (they are skipped on client navigations
 * between pages that share them), and services check again.
 */
export async function requirePagePermission(permission: Permission): Promise<Actor> {
  const actor = await requirePageActor();
  if (!permission(actor)) forbidden();
  return actor;
}

"use client";

import { readApiReply } from "@/lib/http/api-reply";
import { deploymentHeaders } from "@/lib/http/deployment";

/**
 * GET one field of our JSON API for a query function. `signal` is TanStack Query's: a superseded or
 * unmounted query aborts its request, so a late answer is never applied. Failures (network, HTTP, a body
 * that is not ours) reject, and the query turns them into its error state.
 */
export async function fetchApi<T>(url: string, field: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json", ...deploymentHeaders() }, signal });
  const body: unknown = await response.json().catch(() => null);
  return readApiReply<T>(response.status, body, field);
}

import type { AnnotationItem } from "./contracts";

/** The claim API takes at most this many leases to pass over (lib/annotation/submission.ts, claimSchema). */
export const MAX_EXCLUDED = 5;

/**
 * The leases a claim must pass over: the one on screen first (the server would hand it back, as a lease
 * the annotator holds), then the most recently finished ones, whose judgments may still be on their way.
 * The item on screen must never be the one cut off by the limit: it was, after four items, and every claim
 * ahead then came back with the item on screen, so nothing was fetched ahead any more.
 */
export function leasesToPassOver(current: string | null, finished: Iterable<string>): string[] {
  const recent = [...finished].filter((id) => id !== current);
  return current ? [current, ...recent.slice(-(MAX_EXCLUDED - 1))] : recent.slice(-MAX_EXCLUDED);
}

/**
 * Whether an item fetched ahead can still be shown: its lease must outlive the moment it appears by at
 * least `marginMs` (a judgment on an expired lease is refused, and the prompt may be someone else's).
 */
export function isLeaseUsable(item: Pick<AnnotationItem, "expiresAt">, now: number, marginMs = 5_000): boolean {
  const expires = Date.parse(item.expiresAt);
  return Number.isFinite(expires) && expires - now > marginMs;
}

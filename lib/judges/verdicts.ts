/**
 * Strict parsing of judge replies: exactly one verdict token, or the reply is unparseable (stored with
 * its raw text and the reason, never guessed).
 *
 * - Pairwise: the tokens `[[A]]`, `[[B]]`, `[[C]]` (C = tie). Zero tokens, or more than one (even the
 *   same one twice), is unparseable: a reply that names a verdict twice may be quoting the instructions.
 * - Grading: the token `[[n]]` with n a whole number from 1 to 10 (as in `Rating: [[7]]`); a decimal,
 *   a number out of range, zero tokens or more than one is unparseable.
 */

export type PairwiseToken = "A" | "B" | "C";
export type ParsedPairwise = { ok: true; token: PairwiseToken } | { ok: false; reason: string };
export type ParsedRating = { ok: true; rating: number } | { ok: false; reason: string };

const PAIRWISE_TOKEN = /\[\[\s*([A-Za-z])\s*\]\]/g;
const RATING_TOKEN = /\[\[\s*([^\]]*?)\s*\]\]/g;

export function parsePairwiseVerdict(text: string): ParsedPairwise {
  const tokens = [...text.matchAll(PAIRWISE_TOKEN)].map((match) => match[1]!);
  if (tokens.length === 0) return { ok: false, reason: "no verdict token ([[A]], [[B]] or [[C]]) in the reply" };
  if (tokens.length > 1) return { ok: false, reason: `${tokens.length} verdict tokens in the reply (${tokens.map((t) => `[[${t}]]`).join(", ")}); exactly one is needed` };
  const token = tokens[0]!;
  if (token !== "A" && token !== "B" && token !== "C") return { ok: false, reason: `[[${token}]] is not a verdict token; one of [[A]], [[B]], [[C]] is needed` };
  return { ok: true, token };
}

export function parseRating(text: string): ParsedRating {
  const tokens = [...text.matchAll(RATING_TOKEN)].map((match) => match[1]!);
  if (tokens.length === 0) return { ok: false, reason: "no rating token (Rating: [[n]]) in the reply" };
  if (tokens.length > 1) return { ok: false, reason: `${tokens.length} rating tokens in the reply; exactly one is needed` };
  const value = tokens[0]!;
  if (!/^\d+$/.test(value)) return { ok: false, reason: `[[${value}]] is not a whole-number rating` };
  const rating = Number(value);
  if (rating < 1 || rating > 10) return { ok: false, reason: `rating ${rating} is outside 1-10` };
  return { ok: true, rating };
}

/**
 * A pair judged in both orders. `first` is the verdict with candidate X shown as A and Y as B, `second`
 * with Y as A and X as B. The verdict is about X and Y:
 * - "X" / "Y" / "tie" when both orders agree;
 * - "inconsistent" when they differ (including a win in one order and a tie in the other): stored as
 *   such and counted as a tie in agreement, as MT-Bench does with order-inconsistent verdicts;
 * - "unparseable" when either reply had no valid verdict (no verdict for the pair).
 * `favoured` says which position an inconsistent judge preferred both times ("first" when it said A
 * both times: the position bias MT-Bench reports).
 */
export type PairVerdict = "X" | "Y" | "tie" | "inconsistent" | "unparseable";

export function combineOrders(first: ParsedPairwise, second: ParsedPairwise): { verdict: PairVerdict; favoured: "first" | "second" | null } {
  if (!first.ok || !second.ok) return { verdict: "unparseable", favoured: null };
  const fromFirst = first.token === "A" ? "X" : first.token === "B" ? "Y" : "tie";
  const fromSecond = second.token === "A" ? "Y" : second.token === "B" ? "X" : "tie";
  if (fromFirst === fromSecond) return { verdict: fromFirst, favoured: null };
  const favoured = first.token === "A" && second.token === "A" ? "first" : first.token === "B" && second.token === "B" ? "second" : null;
  return { verdict: "inconsistent", favoured };
}

export type ConsistencyTally = {
  /** Pairs with a parsed verdict in both orders. */
  judged: number;
  consistent: number;
  inconsistent: number;
  /** Inconsistent pairs where the judge chose the first-shown answer both times, or the second both times. */
  favouredFirst: number;
  favouredSecond: number;
  /** Pairs where at least one order's reply was unparseable. */
  unparseable: number;
  /** consistent / judged; null when nothing was judged. */
  rate: number | null;
};

/** The position-consistency rate of a judge over its pairs (MT-Bench's "consistency" in Table 2). */
export function positionConsistency(pairs: readonly { verdict: PairVerdict; favoured: "first" | "second" | null }[]): ConsistencyTally {
  let consistent = 0;
  let inconsistent = 0;
  let favouredFirst = 0;
  let favouredSecond = 0;
  let unparseable = 0;
  for (const pair of pairs) {
    if (pair.verdict === "unparseable") unparseable += 1;
    else if (pair.verdict === "inconsistent") {
      inconsistent += 1;
      if (pair.favoured === "first") favouredFirst += 1;
      if (pair.favoured === "second") favouredSecond += 1;
    } else consistent += 1;
  }
  const judged = consistent + inconsistent;
  return { judged, consistent, inconsistent, favouredFirst, favouredSecond, unparseable, rate: judged === 0 ? null : consistent / judged };
}

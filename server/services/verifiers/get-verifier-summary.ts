import "server-only";
import { parseCheckList } from "@/lib/verifiers/config";
import { requirePermission } from "../../auth/require";
import { canViewPromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";

export type PassRate = { total: number; passed: number; failed: number; undecided: number; rate: number | null };
export type VerifierSummary = {
  /** The set's checks as stored (JSON text for the form), and whether annotators see results. */
  checksText: string;
  checkCount: number;
  showScoresToAnnotators: boolean;
  candidates: number;
  scoredCandidates: number;
  /** Per verifier (check name), over the newest score of each candidate. */
  byVerifier: ({ verifier: string } & PassRate)[];
  /** Per model (or source, for candidates without a model): a candidate passes when all its checks pass. */
  byModel: ({ model: string } & PassRate)[];
  /** Per model and verifier. */
  cells: ({ model: string; verifier: string } & PassRate)[];
  /** The most frequent reasons a check could not decide (a reference that cannot be parsed, ...). */
  undecidedReasons: { reason: string; count: number }[];
};

function rate(total: number, passed: number, undecided: number): PassRate {
  const decided = total - undecided;
  return { total, passed, failed: decided - passed, undecided, rate: decided === 0 ? null : passed / decided };
}

/**
 * Pass rates of a set's verifiers from the newest score of each (candidate, check). The rate is over
 * decided results: an undecided check (no usable reference) counts neither way and is listed with its reason.
 */
export async function getVerifierSummary({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<VerifierSummary> {
  requirePermission(actor, canViewPromptSets, "read verifier results");
  requireId(promptSetId, "prompt set");
  const db = getDb();
  const set = await db.promptSet.findUnique({ where: { id: promptSetId }, select: { verifierChecks: true, showScoresToAnnotators: true } });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  const latest = `
    SELECT DISTINCT ON (s.candidate_id, s.scorer_name) s.candidate_id, s.scorer_name, s.passed, s.reason
    FROM candidate_scores s WHERE s.prompt_set_id = $1::uuid AND s.scorer_kind = 'VERIFIER'
    ORDER BY s.candidate_id, s.scorer_name, s.created_at DESC, s.id`;
  type Cell = { model: string; verifier: string; total: bigint; passed: bigint; undecided: bigint };
  const [cells, models, reasons, counts] = await Promise.all([
    db.$queryRawUnsafe<Cell[]>(
      `WITH latest AS (${latest})
       SELECT COALESCE(c.model, initcap(replace(c.source::text, '_', ' '))) AS model, l.scorer_name AS verifier,
         count(*) AS total, count(*) FILTER (WHERE l.passed) AS passed, count(*) FILTER (WHERE l.passed IS NULL) AS undecided
       FROM latest l JOIN candidates c ON c.id = l.candidate_id GROUP BY 1, 2 ORDER BY 1, 2`,
      promptSetId,
    ),
    db.$queryRawUnsafe<{ model: string; total: bigint; passed: bigint; undecided: bigint }[]>(
      `WITH latest AS (${latest}), per_candidate AS (
         SELECT candidate_id, bool_and(passed) AS all_passed, bool_or(passed IS NULL) AS any_undecided FROM latest GROUP BY candidate_id)
       SELECT COALESCE(c.model, initcap(replace(c.source::text, '_', ' '))) AS model, count(*) AS total,
         count(*) FILTER (WHERE p.all_passed AND NOT p.any_undecided) AS passed,
         count(*) FILTER (WHERE p.any_undecided AND p.all_passed IS DISTINCT FROM false) AS undecided
       FROM per_candidate p JOIN candidates c ON c.id = p.candidate_id GROUP BY 1 ORDER BY 1`,
      promptSetId,
    ),
    db.$queryRawUnsafe<{ reason: string; count: bigint }[]>(
      `WITH latest AS (${latest}) SELECT reason, count(*) AS count FROM latest WHERE passed IS NULL GROUP BY reason ORDER BY count DESC, reason LIMIT 5`,
      promptSetId,
    ),
    db.$queryRawUnsafe<{ candidates: bigint; scored: bigint }[]>(
      `SELECT count(*) AS candidates, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM candidate_scores s WHERE s.candidate_id = c.id)) AS scored
       FROM candidates c JOIN prompts p ON p.id = c.prompt_id WHERE p.prompt_set_id = $1::uuid`,
      promptSetId,
    ),
  ]);
  const byVerifier = new Map<string, { total: number; passed: number; undecided: number }>();
  for (const cell of cells) {
    const entry = byVerifier.get(cell.verifier) ?? { total: 0, passed: 0, undecided: 0 };
    entry.total += Number(cell.total);
    entry.passed += Number(cell.passed);
    entry.undecided += Number(cell.undecided);
    byVerifier.set(cell.verifier, entry);
  }
  const parsed = parseCheckList(set.verifierChecks);
  return {
    checksText: JSON.stringify(set.verifierChecks, null, 2),
    checkCount: parsed.ok ? parsed.checks.length : 0,
    showScoresToAnnotators: set.showScoresToAnnotators,
    candidates: Number(counts[0]?.candidates ?? 0),
    scoredCandidates: Number(counts[0]?.scored ?? 0),
    byVerifier: [...byVerifier].map(([verifier, v]) => ({ verifier, ...rate(v.total, v.passed, v.undecided) })),
    byModel: models.map((m) => ({ model: m.model, ...rate(Number(m.total), Number(m.passed), Number(m.undecided)) })),
    cells: cells.map((c) => ({ model: c.model, verifier: c.verifier, ...rate(Number(c.total), Number(c.passed), Number(c.undecided)) })),
    undecidedReasons: reasons.map((r) => ({ reason: r.reason, count: Number(r.count) })),
  };
}

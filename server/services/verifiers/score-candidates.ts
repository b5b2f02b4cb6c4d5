import "server-only";
import { parseCheckList, PROMPT_CHECKS_KEY, resolveChecks, type Check } from "@/lib/verifiers/config";
import { runChecks } from "@/lib/verifiers/run-checks";
import { getDb, type Prisma } from "../../db/client";

export type ScoringResult = {
  /** Candidates examined. */
  candidates: number;
  /** Check results computed (candidates x their checks). */
  results: number;
  /** New score rows; a result already stored under the same version is not stored again. */
  created: number;
  passed: number;
  failed: number;
  undecided: number;
  /** Configuration problems met on the way (a prompt whose metadata `checks` is invalid), at most 20. */
  problems: string[];
};

type Scope =
  | { candidateIds: string[] }
  | { promptSetId: string; onlyUnscored?: boolean }
  /** The candidates of these generation tasks (a worker's recent completions, scored together). */
  | { generationTaskIds: string[] };

const BATCH = 500;
const MAX_PROBLEMS = 20;

/**
 * Runs the verifiers on candidates and stores one score per (candidate, check, version). Not an actor's
 * service: the services that create candidates (generation, import, rewrite rules, human rewrites) and
 * `runSetVerifiers` call it after their own commit, so a verifier can never undo a stored candidate.
 * Re-running is safe: identical results are skipped by the unique index, a changed check or reference
 * gives a new version and so a new row beside the old one.
 */
export async function scoreCandidates(scope: Scope): Promise<ScoringResult> {
  const db = getDb();
  const result: ScoringResult = { candidates: 0, results: 0, created: 0, passed: 0, failed: 0, undecided: 0, problems: [] };
  const setChecks = new Map<string, Check[]>();
  // A set with no checks of its own or on any prompt has nothing to score: say so without reading its candidates.
  if ("promptSetId" in scope) {
    const [row] = await db.$queryRaw<{ has_checks: boolean }[]>`
      SELECT (s.verifier_checks <> '[]'::jsonb OR EXISTS (SELECT 1 FROM prompts p WHERE p.prompt_set_id = s.id AND p.metadata ? 'checks')) AS has_checks
      FROM prompt_sets s WHERE s.id = ${scope.promptSetId}::uuid`;
    if (!row?.has_checks) return result;
  }
  // The same for a worker's fresh candidates (scored after every batch it stores): one small read
  // instead of loading each candidate's text and prompt when no set or prompt of theirs has a check.
  if ("generationTaskIds" in scope) {
    const [row] = await db.$queryRaw<{ has_checks: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM generation_tasks t JOIN prompts p ON p.id = t.prompt_id JOIN prompt_sets s ON s.id = p.prompt_set_id
        WHERE t.id = ANY(${scope.generationTaskIds}::uuid[]) AND (s.verifier_checks <> '[]'::jsonb OR p.metadata ? 'checks')) AS has_checks`;
    if (!row?.has_checks) return result;
  }

  let after: string | undefined;
  for (;;) {
    const where: Prisma.CandidateWhereInput =
      "candidateIds" in scope
        ? { id: { in: scope.candidateIds } }
        : "generationTaskIds" in scope
          ? { generationTaskId: { in: scope.generationTaskIds } }
          : { prompt: { promptSetId: scope.promptSetId }, ...(scope.onlyUnscored ? { scores: { none: { scorerKind: "VERIFIER" } } } : {}) };
    const batch = await db.candidate.findMany({
      where: { ...where, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, content: true, prompt: { select: { id: true, promptSetId: true, referenceAnswer: true, metadata: true, promptSet: { select: { verifierChecks: true } } } } },
    });
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    result.candidates += batch.length;

    const rows: Prisma.CandidateScoreCreateManyInput[] = [];
    for (const candidate of batch) {
      const { prompt } = candidate;
      let checksOfSet = setChecks.get(prompt.promptSetId);
      if (!checksOfSet) {
        const parsed = parseCheckList(prompt.promptSet.verifierChecks, "the set's checks");
        checksOfSet = parsed.ok ? parsed.checks : [];
        if (!parsed.ok) note(result, parsed.message);
        setChecks.set(prompt.promptSetId, checksOfSet);
      }
      const own = (prompt.metadata as Record<string, unknown> | null)?.[PROMPT_CHECKS_KEY];
      let promptChecks: Check[] = [];
      if (own !== undefined) {
        const parsed = parseCheckList(own, `prompt ${prompt.id} metadata.checks`);
        if (parsed.ok) promptChecks = parsed.checks;
        else note(result, parsed.message);
      }
      const checks = resolveChecks(checksOfSet, promptChecks);
      for (const score of runChecks(checks, candidate.content, prompt.referenceAnswer)) {
        result.results++;
        if (score.passed === true) result.passed++;
        else if (score.passed === false) result.failed++;
        else result.undecided++;
        rows.push({
          candidateId: candidate.id,
          promptSetId: prompt.promptSetId,
          scorerKind: "VERIFIER",
          scorerName: score.name,
          scorerVersion: score.version,
          passed: score.passed,
          score: score.score,
          extractedAnswer: score.extractedAnswer,
          reason: score.reason,
          details: score.details as Prisma.InputJsonObject,
        });
      }
    }
    if (rows.length > 0) result.created += (await db.candidateScore.createMany({ data: rows, skipDuplicates: true })).count;
    if (batch.length < BATCH) break;
  }
  return result;
}

function note(result: ScoringResult, problem: string) {
  if (result.problems.length < MAX_PROBLEMS && !result.problems.includes(problem)) result.problems.push(problem);
}

/**
 * For the services that create candidates: scores after their commit and never fails them. A scoring
 * error is logged; "Run verifiers" on the set scores whatever was missed.
 */
export async function scoreNewCandidates(scope: Scope, log: (line: string) => void = console.error): Promise<ScoringResult | null> {
  try {
    return await scoreCandidates(scope);
  } catch (error) {
    log(`Verifiers could not score new candidates (${JSON.stringify(scope).slice(0, 200)}): ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

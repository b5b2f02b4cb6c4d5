import "server-only";
import { judgeAgreement, orient, votesFromRanks, type PairLabel, type PairVote } from "@/lib/judges/agreement";
import type { JudgeRunSummary, JudgeSetSummary } from "@/lib/judges/contracts";
import { combineOrders, positionConsistency, type ParsedPairwise } from "@/lib/judges/verdicts";
import { canViewPromptSets } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { requireId } from "../parse";

const asParsed = (verdict: string | null, reason: string | null): ParsedPairwise =>
  verdict === "A" || verdict === "B" || verdict === "C" ? { ok: true, token: verdict } : { ok: false, reason: reason ?? "unparseable" };

/**
 * What an admin needs to decide whether to trust each judge that ran on a set: its runs (progress,
 * tokens, unparseable replies), and for its newest run the position-consistency rate and the
 * agreement with people's votes on the same pairs (lib/judges/agreement.ts: raw agreement, Cohen's
 * kappa, ties as stated there); for grading judges, the mean rating per model.
 */
export async function getJudgeSummary({ actor, promptSetId }: { actor: Actor; promptSetId: string }): Promise<JudgeSetSummary[]> {
  requirePermission(actor, canViewPromptSets, "read judge results");
  requireId(promptSetId, "prompt set");
  const db = getDb();
  const set = await db.promptSet.findUnique({ where: { id: promptSetId }, select: { id: true } });
  if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
  const runs = await db.generationRun.findMany({
    where: { promptSetId, judgeTemplateId: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, status: true, createdAt: true, judgeTemplate: { select: { version: true, judge: { select: { id: true, name: true, kind: true, endpoint: { select: { model: true } } } } } } },
  });
  if (runs.length === 0) return [];
  const runIds = runs.map((run) => run.id);
  const [taskCounts, outputTotals] = await Promise.all([
    db.generationTask.groupBy({ by: ["runId", "status"], where: { runId: { in: runIds } }, _count: { _all: true } }),
    db.judgeOutput.groupBy({ by: ["runId"], where: { runId: { in: runIds } }, _sum: { promptTokens: true, completionTokens: true }, _count: { parseError: true } }),
  ]);
  const runSummary = (run: (typeof runs)[number]): JudgeRunSummary => {
    const count = (status?: string) => taskCounts.filter((t) => t.runId === run.id && (!status || t.status === status)).reduce((sum, t) => sum + t._count._all, 0);
    const totals = outputTotals.find((t) => t.runId === run.id);
    return {
      runId: run.id,
      status: run.status,
      templateVersion: run.judgeTemplate!.version,
      tasks: count(),
      done: count("SUCCEEDED"),
      failed: count("FAILED"),
      promptTokens: totals?._sum.promptTokens ?? 0,
      completionTokens: totals?._sum.completionTokens ?? 0,
      unparseable: totals?._count.parseError ?? 0,
      createdAt: run.createdAt.toISOString(),
    };
  };

  const byJudge = new Map<string, (typeof runs)[number][]>();
  for (const run of runs) {
    const id = run.judgeTemplate!.judge.id;
    byJudge.set(id, [...(byJudge.get(id) ?? []), run]);
  }
  let humanVotes: PairVote[] | null = null;
  const loadHumanVotes = async () => {
    if (humanVotes) return humanVotes;
    const judgments = await db.judgment.findMany({ where: { promptSetId, source: "HUMAN" }, select: { candidates: { select: { candidateId: true, rank: true }, orderBy: { position: "asc" } } } });
    humanVotes = judgments.flatMap((judgment) => votesFromRanks(judgment.candidates));
    return humanVotes;
  };

  const summaries: JudgeSetSummary[] = [];
  for (const judgeRuns of byJudge.values()) {
    const newest = judgeRuns[0]!;
    const judge = newest.judgeTemplate!.judge;
    const samples = await db.judgeOutput.findMany({ where: { runId: newest.id, parseError: { not: null } }, select: { raw: true, parseError: true }, take: 3 });
    const summary: JudgeSetSummary = {
      judgeId: judge.id,
      name: judge.name,
      kind: judge.kind,
      model: judge.endpoint.model,
      runs: judgeRuns.map(runSummary),
      consistency: null,
      agreement: null,
      grades: [],
      unparseableSamples: samples.map((s) => ({ raw: s.raw.slice(0, 2000), reason: s.parseError ?? "" })),
    };
    if (judge.kind === "PAIRWISE") {
      const outputs = await db.judgeOutput.findMany({ where: { runId: newest.id }, select: { candidateIds: true, verdict: true, parseError: true } });
      const byPair = new Map<string, { first?: ParsedPairwise; second?: ParsedPairwise }>();
      for (const output of outputs) {
        const [a, b] = output.candidateIds as [string, string];
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        const entry = byPair.get(key) ?? {};
        if (a < b) entry.first = asParsed(output.verdict, output.parseError);
        else entry.second = asParsed(output.verdict, output.parseError);
        byPair.set(key, entry);
      }
      summary.consistency = positionConsistency([...byPair.values()].filter((p) => p.first && p.second).map((p) => combineOrders(p.first!, p.second!)));
      const verdicts = await db.judgment.findMany({ where: { judgeRunId: newest.id }, select: { candidates: { select: { candidateId: true, rank: true } } } });
      const judgeVotes = new Map<string, PairLabel>();
      for (const verdict of verdicts) {
        for (const vote of votesFromRanks(verdict.candidates)) {
          const { key, label } = orient(vote);
          judgeVotes.set(key, label);
        }
      }
      summary.agreement = judgeAgreement(await loadHumanVotes(), judgeVotes);
    } else {
      const grades = await db.$queryRaw<{ model: string; candidates: bigint; mean: number | null; unparseable: bigint }[]>`
        SELECT COALESCE(c.model, initcap(replace(c.source::text, '_', ' '))) AS model, count(*) AS candidates,
          avg(s.score) AS mean, count(*) FILTER (WHERE s.score IS NULL) AS unparseable
        FROM candidate_scores s JOIN candidates c ON c.id = s.candidate_id
        WHERE s.prompt_set_id = ${promptSetId}::uuid AND s.scorer_kind = 'JUDGE' AND s.scorer_name = ${judge.name} AND s.scorer_version = ${`template v${newest.judgeTemplate!.version}`}
        GROUP BY 1 ORDER BY 1`;
      summary.grades = grades.map((g) => ({ model: g.model, candidates: Number(g.candidates), meanRating: g.mean === null ? null : Number(g.mean), unparseable: Number(g.unparseable) }));
    }
    summaries.push(summary);
  }
  return summaries;
}

import "server-only";
import { z } from "zod";
import { canViewQuality } from "@/lib/authz/permissions";
import { bootstrapBradleyTerry, compileOutcomes, differenceInterval, winRateMatrix, type PairOutcome } from "@/lib/quality/bradley-terry";
import type { BoardView, CategoryRow, LeaderboardView, ModelComparisonRow, ModelRow } from "@/lib/quality/contracts";
import { judgmentOutcomes, modelKey, newcombeDifference, wilsonInterval } from "@/lib/quality/leaderboard";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { AppError } from "../../errors";
import { invalidField, parseOrThrow, requireId } from "../parse";
import { passRates } from "@/lib/quality/verifier-rates";
import { fieldMessage as m, wholeNumberField } from "@/lib/schemas/field-message";
import { loadComparisons, loadVerifierTallies, type ComparisonRow } from "./internal/load-judgments";

export const leaderboardQuerySchema = z.object({
  promptSetId: z.uuid({ error: m("field.mustBeId") }).optional(),
  resamples: wholeNumberField("resamples", 100, 5000).default(1000),
  seed: wholeNumberField("seed", 0, Number.MAX_SAFE_INTEGER).default(1),
  compareA: z.string().max(500, m("field.mustBeAtMostChars", { max: 500 })).optional(),
  compareB: z.string().max(500, m("field.mustBeAtMostChars", { max: 500 })).optional(),
  /** The prompt metadata key whose (text) value is the category of the breakdown. */
  categoryKey: z.string().trim().min(1, m("field.enter", { label: "categoryKey" })).max(100, m("field.maxChars", { label: "categoryKey", max: 100 })).default("category"),
});

const METHOD =
  "Bradley-Terry strengths (theta = ln p, centred at 0; a difference of 1 means odds of e:1) fitted by maximum likelihood (Hunter's MM), " +
  "ties and 'both bad' counted as half a win each, 0.1 virtual ties per pair of models that met; 95% intervals are percentile bootstrap " +
  "intervals resampling prompts (all comparisons of a prompt together), seeded. Gold prompts are left out. Win rates count ties as half; " +
  "category and head-to-head intervals are Wilson 95% intervals; pass-rate differences in the comparison have Newcombe's hybrid score interval (method 10).";

/** Annotators and adjudicators are "HUMAN"; imported labels and each judge source are boards of their own. */
const boardOf = (source: string) => (source === "ADJUDICATION" ? "HUMAN" : source);

/** The model leaderboard for one set or all sets: strengths with intervals, win rates, categories, and a two-model comparison. */
export async function getLeaderboard({ actor, query }: { actor: Actor; query: unknown }): Promise<LeaderboardView> {
  requirePermission(actor, canViewQuality, "read the leaderboard");
  const options = parseOrThrow(leaderboardQuerySchema, query);
  const started = performance.now();
  const db = getDb();
  let scopeName: string | null = null;
  if (options.promptSetId) {
    requireId(options.promptSetId, "prompt set");
    const set = await db.promptSet.findUnique({ where: { id: options.promptSetId }, select: { name: true } });
    if (!set) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
    scopeName = set.name;
  }
  const [rows, tallies, labels, endpoints, sets] = await Promise.all([
    loadComparisons(options.promptSetId ?? null, options.categoryKey),
    loadVerifierTallies(options.promptSetId ?? null),
    db.modelLabel.findMany({ select: { endpointId: true, model: true, label: true } }),
    db.endpoint.findMany({ select: { id: true, name: true } }),
    db.promptSet.findMany({ select: { id: true, name: true } }),
  ]);
  const labelOf = new Map(labels.map((row) => [`endpoint:${row.endpointId}:${row.model}`, row.label]));
  const endpointName = new Map(endpoints.map((row) => [row.id, row.name]));
  const describe = describer(labelOf, endpointName);

  const groups = new Map<string, ComparisonRow[]>();
  for (const row of rows) {
    const board = boardOf(row.source);
    const list = groups.get(board) ?? [];
    list.push(row);
    groups.set(board, list);
  }
  const boards: BoardView[] = [];
  for (const [source, groupRows] of [...groups].sort(([a], [b]) => (a === "HUMAN" ? -1 : b === "HUMAN" ? 1 : a < b ? -1 : 1))) {
    const outcomes = toOutcomes(groupRows);
    if (!outcomes.length) continue;
    const compiled = compileOutcomes(outcomes);
    const result = bootstrapBradleyTerry(compiled, { resamples: options.resamples, seed: options.seed });
    boards.push({
      source,
      comparisons: compiled.comparisons,
      prompts: compiled.prompts,
      models: result.strengths.map((row) => ({ ...describe(row.model), theta: row.theta, low: row.low, high: row.high, comparisons: row.comparisons })),
      winRates: winRateMatrix(outcomes).cells,
    });
  }

  const categories: CategoryRow[] = [];
  const byCategory = new Map<string, Map<string, { score: number; n: number }>>();
  for (const row of groups.get("HUMAN") ?? []) {
    if (!row.category) continue;
    const tally = byCategory.get(row.category) ?? new Map<string, { score: number; n: number }>();
    byCategory.set(row.category, tally);
    for (const outcome of toOutcomes([row])) {
      for (const [model, score] of [[outcome.a, outcome.scoreA], [outcome.b, 1 - outcome.scoreA]] as const) {
        const entry = tally.get(model) ?? { score: 0, n: 0 };
        entry.score += score;
        entry.n += 1;
        tally.set(model, entry);
      }
    }
  }
  for (const [category, tally] of [...byCategory].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [model, { score, n }] of tally) {
      const interval = wilsonInterval(score, n);
      categories.push({ category, model, name: describe(model).name, derived: describe(model).derived, score: score / n, comparisons: n, low: interval?.low ?? null, high: interval?.high ?? null });
    }
  }

  let compare: LeaderboardView["compare"] = null;
  if (options.compareA && options.compareB) {
    if (options.compareA === options.compareB) throw invalidField("compareB", { key: "field.sameAsCompareA" });
    const setNames = new Map(sets.map((set) => [set.id, set.name]));
    const compared = [...compareAcrossSets(rows, options.compareA, options.compareB, setNames, options.seed), ...comparePassRates(tallies, options.compareA, options.compareB, setNames)];
    compare = { a: options.compareA, b: options.compareB, rows: compared.sort((x, y) => (x.promptSetName < y.promptSetName ? -1 : x.promptSetName > y.promptSetName ? 1 : 0)) };
  }
  const judgeBoards = boards.filter((board) => board.source !== "HUMAN" && board.source !== "IMPORTED");
  return {
    scope: { promptSetId: options.promptSetId ?? null, promptSetName: scopeName },
    boards,
    categories,
    categoryKey: options.categoryKey,
    judges: { available: judgeBoards.length > 0, sources: judgeBoards.map((board) => board.source) },
    verifiers: verifierView(passRates(tallies.verifiers, tallies.instructions), describe),
    compare,
    method: METHOD,
    resamples: options.resamples,
    seed: options.seed,
    computeMs: Math.round(performance.now() - started),
  };
}

function verifierView(rows: ReturnType<typeof passRates>, describe: ReturnType<typeof describer>): LeaderboardView["verifiers"] {
  if (!rows.length) return { available: false, passRates: [] };
  return {
    available: true,
    passRates: rows.map((row) => ({ ...row, name: describe(row.model).name, derived: describe(row.model).derived })),
  };
}

/** Per set and check where both models were scored: pass rate of A minus B, Newcombe's interval (from counts). */
function comparePassRates(tallies: Awaited<ReturnType<typeof loadVerifierTallies>>, a: string, b: string, setNames: Map<string, string>): ModelComparisonRow[] {
  const setIds = new Set([...tallies.verifiers, ...tallies.instructions].map((row) => row.promptSetId!));
  const result: ModelComparisonRow[] = [];
  for (const promptSetId of setIds) {
    const rates = passRates(tallies.verifiers.filter((row) => row.promptSetId === promptSetId), tallies.instructions.filter((row) => row.promptSetId === promptSetId));
    for (const rowA of rates.filter((row) => row.model === a)) {
      const rowB = rates.find((row) => row.model === b && row.verifier === rowA.verifier);
      if (!rowB) continue;
      const decidedA = rowA.total - rowA.undecided;
      const decidedB = rowB.total - rowB.undecided;
      const difference = newcombeDifference(rowA.passed, decidedA, rowB.passed, decidedB);
      result.push({ promptSetId, promptSetName: setNames.get(promptSetId) ?? promptSetId, source: "VERIFIER", metric: `pass rate difference (A - B): ${rowA.verifier}`, value: difference?.difference ?? null, low: difference?.low ?? null, high: difference?.high ?? null, comparisons: decidedA + decidedB });
    }
  }
  return result;
}

function toOutcomes(rows: readonly ComparisonRow[]): PairOutcome[] {
  const outcomes: PairOutcome[] = [];
  for (const row of rows) judgmentOutcomes(row.promptId, row.candidates.map((candidate) => ({ model: modelKey(candidate), rank: candidate.rank })), outcomes);
  return outcomes;
}

function describer(labelOf: Map<string, string>, endpointName: Map<string, string>) {
  return (key: string): Pick<ModelRow, "key" | "name" | "derived" | "model" | "endpointId" | "label"> => {
    if (key.startsWith("endpoint:")) {
      const [, endpointId, ...rest] = key.split(":");
      const model = rest.join(":");
      const label = labelOf.get(key) ?? null;
      return { key, name: label ?? `${model} (${endpointName.get(endpointId!) ?? "endpoint"})`, derived: null, model, endpointId: endpointId!, label };
    }
    // Names made up here are English for the API and CSV; `derived` lets the page word them in the reader's language.
    if (key === "human:rewrite") return { key, name: "Human rewrites", derived: { kind: "humanRewrites" }, model: null, endpointId: null, label: null };
    if (key.startsWith("rule:")) return { key, name: `Rule-derived (from ${key.slice(5)})`, derived: { kind: "ruleDerived", rule: key.slice(5) }, model: null, endpointId: null, label: null };
    if (key.startsWith("model:")) return { key, name: key.slice(6), derived: null, model: key.slice(6), endpointId: null, label: null };
    const source = key.slice("source:".length);
    if (source === "SAMPLE") return { key, name: "Demo sample texts", derived: { kind: "sampleTexts" }, model: null, endpointId: null, label: null };
    return { key, name: `${source.toLowerCase()} answers`, derived: { kind: "sourceAnswers", source }, model: null, endpointId: null, label: null };
  };
}

/** Model A against model B in every set (and every board) where both were judged. */
function compareAcrossSets(rows: readonly ComparisonRow[], a: string, b: string, setNames: Map<string, string>, seed: number): ModelComparisonRow[] {
  const bySet = new Map<string, ComparisonRow[]>();
  for (const row of rows) {
    const key = `${row.promptSetId}|${boardOf(row.source)}`;
    const list = bySet.get(key) ?? [];
    list.push(row);
    bySet.set(key, list);
  }
  const result: ModelComparisonRow[] = [];
  for (const [key, setRows] of bySet) {
    const [promptSetId, source] = key.split("|") as [string, string];
    const outcomes = toOutcomes(setRows);
    const models = new Set(outcomes.flatMap((outcome) => [outcome.a, outcome.b]));
    if (!models.has(a) || !models.has(b)) continue;
    const boot = bootstrapBradleyTerry(outcomes, { resamples: 500, seed });
    const difference = differenceInterval(boot, a, b)!;
    const promptSetName = setNames.get(promptSetId) ?? promptSetId;
    result.push({ promptSetId, promptSetName, source, metric: "strength difference (theta A - theta B)", value: difference.difference, low: difference.low, high: difference.high, comparisons: boot.fit.comparisons });
    const headToHead = outcomes.filter((outcome) => (outcome.a === a && outcome.b === b) || (outcome.a === b && outcome.b === a));
    const score = headToHead.reduce((sum, outcome) => sum + (outcome.a === a ? outcome.scoreA : 1 - outcome.scoreA), 0);
    const interval = wilsonInterval(score, headToHead.length);
    result.push({ promptSetId, promptSetName, source, metric: "head-to-head win rate of A", value: headToHead.length ? score / headToHead.length : null, low: interval?.low ?? null, high: interval?.high ?? null, comparisons: headToHead.length });
  }
  return result.sort((x, y) => (x.promptSetName < y.promptSetName ? -1 : x.promptSetName > y.promptSetName ? 1 : 0));
}

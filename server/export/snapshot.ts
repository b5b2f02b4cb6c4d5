import "server-only";
import type pg from "pg";
import type { JudgmentSource } from "@/lib/vocabulary";
import type { ChatMessage } from "@/lib/conversation";
import { exportFormats } from "@/lib/export/formats";
import type { ExportSettings } from "@/lib/export/settings";
import type { ExportCandidate, ExportJudgment, JudgedPrompt } from "@/lib/export/types";
import type { CandidateSource, JudgmentOutcome } from "@/lib/vocabulary";
import { parseCheckList, resolveChecks } from "@/lib/verifiers/config";
import { withPgTransaction } from "../db/pg-pool";

/**
 * One consistent view of the database for a whole export: a READ ONLY REPEATABLE READ transaction on
 * a dedicated connection. Every row is read from the snapshot taken by the first statement, so
 * judgments written while the export runs are either all in (committed before) or all out.
 * Prompts come from one cursor in (content_hash, id) order, so prompts with the same content are
 * adjacent (duplicate records across prompt sets are found with per-group memory). Each row is one
 * prompt as JSON, its candidates and judgments (with their ranks) aggregated by Postgres: building it
 * costs Postgres about what a bare `COPY (SELECT json ...)` costs, on its own core, while this process
 * works on the rows fetched before (one FETCH is always in flight), and each prompt costs one
 * JSON.parse here rather than three result sets to parse, group and join.
 */
export type Snapshot = {
  snapshotAt: Date;
  countPrompts(): Promise<number>;
  prompts(pageSize?: number): AsyncGenerator<SnapshotPrompt[]>;
};

type ExportFilters = ExportSettings["filters"];

/** A judged prompt with its content hash: prompts are read in content-hash order. */
export type SnapshotPrompt = JudgedPrompt & { contentHash: string };

export type SnapshotOptions = {
  filters: ExportFilters;
  /** Which judgments to read: people's (default), model judges', or both (see lib/export/pipeline.ts judgmentsForSource). */
  judgments?: "people" | "judges" | "both";
  judgedOnly: boolean;
  /** Read each candidate's verifier verdict and each prompt's resolved checks (verifier pairing, prompt-only verifier columns). */
  withVerifiers?: boolean;
};

/** What an export's settings need from the snapshot: judged prompts only unless it pairs by verifier or writes prompts. */
export function snapshotOptionsFor(settings: ExportSettings): SnapshotOptions {
  const isPromptOnly = exportFormats[settings.format].kind === "prompt-only";
  const fromVerifiers = settings.policy.source === "verifier";
  return {
    filters: settings.filters,
    judgments: settings.policy.source === "judge" ? "judges" : settings.policy.source === "human-then-judge" ? "both" : "people",
    judgedOnly: !isPromptOnly && !fromVerifiers,
    withVerifiers: fromVerifiers || settings.policy.verifierChecks || settings.policy.passRate !== undefined,
  };
}

export async function withSnapshot<T>(options: SnapshotOptions, work: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  return withPgTransaction(
    async (client) => {
      // The first statement fixes the snapshot; its clock reading is the one the manifest records.
      const { rows } = await client.query<{ now: Date }>("SELECT clock_timestamp() AS now");
      return await work(makeSnapshot(client, rows[0]!.now, options));
    },
    { isolation: "REPEATABLE READ", readOnly: true },
  );
}

type Where = { sql: string; params: unknown[] };

/** A growing parameter list: `param(value)` appends it and returns its placeholder. */
function parameters(params: unknown[]) {
  return (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/** The judgment filter as SQL over alias `j`, its parameters appended to `params`. */
function judgmentWhere(filters: ExportFilters, params: unknown[], which: NonNullable<SnapshotOptions["judgments"]> = "people"): Where {
  const clauses: string[] = [];
  const param = parameters(params);
  if (filters.from) clauses.push(`j.created_at >= ${param(filters.from)}::timestamptz`);
  if (filters.to) clauses.push(`j.created_at < ${param(filters.to)}::timestamptz`);
  // Model judges have no annotator: the annotator filter chooses among people only.
  if (filters.annotatorIds.length > 0) clauses.push(`(j.annotator_id = ANY(${param(filters.annotatorIds)}::uuid[]) OR j.source = 'MODEL_JUDGE')`);
  if (which === "people") clauses.push(`j.source <> 'MODEL_JUDGE'`);
  if (which === "judges") clauses.push(`j.source = 'MODEL_JUDGE'`);
  if (filters.excludeFlags.length > 0) clauses.push(`NOT (j.flags && ${param(filters.excludeFlags)}::judgment_flag[])`);
  if (filters.importedJudgments === "exclude") clauses.push(`j.source <> 'IMPORTED'`);
  return { sql: clauses.length ? clauses.join(" AND ") : "TRUE", params };
}

/** One prompt as the cursor's JSON row carries it. */
type PromptRow = {
  id: string;
  setId: string;
  hash: string;
  messages: ChatMessage[];
  reference: string | null;
  promptChecks?: unknown;
  candidates: { id: string; content: string; source: CandidateSource; parentId: string | null; model: string | null; verified?: boolean | null }[];
  judgments: {
    id: string;
    annotatorId: string | null;
    source: JudgmentSource;
    outcome: JudgmentOutcome;
    rewriteCandidateId: string | null;
    flags: string[];
    createdAt: string;
    ranks: { candidateId: string; rank: number | null; position: number }[];
  }[];
};

let cursors = 0;

function makeSnapshot(client: pg.ClientBase, snapshotAt: Date, { filters, judgments: which = "people", judgedOnly, withVerifiers = false }: SnapshotOptions): Snapshot {
  /** The prompt filter (over alias `p`) with its parameters from $1: the sets, gold, and "judged" when asked. */
  function promptWhere(): Where {
    const params: unknown[] = [filters.promptSetIds];
    const judged = judgmentWhere(filters, params, which);
    // Gold prompts (issue 11) stay out unless the export asks for them (`filters.includeGold`).
    const gold = filters.includeGold ? "" : "AND p.gold IS NULL";
    const exists = judgedOnly ? `AND EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND ${judged.sql})` : "";
    return { sql: `p.prompt_set_id = ANY($1::uuid[]) ${gold} ${exists}`, params };
  }

  /** The cursor's query: one JSON object per prompt, in (content_hash, id) order. */
  function promptsQuery(): Where {
    const where = promptWhere();
    const params = where.params;
    const param = parameters(params);
    const judged = judgmentWhere(filters, params, which);
    const candidateClauses = ["c.prompt_id = p.id"];
    if (filters.sources.length > 0) candidateClauses.push(`c.source = ANY(${param(filters.sources)}::candidate_source[])`);
    if (filters.models.length > 0) candidateClauses.push(`(c.model IS NULL OR c.model = ANY(${param(filters.models)}::text[]))`);
    // The newest score of each (candidate, check): correct when every decided check passed.
    const verdict = withVerifiers
      ? `, 'verified', (SELECT CASE WHEN count(passed) = 0 THEN NULL ELSE bool_and(passed) END
                          FROM (SELECT DISTINCT ON (s.scorer_name) s.passed FROM candidate_scores s
                                 WHERE s.candidate_id = c.id AND s.scorer_kind = 'VERIFIER'
                                 ORDER BY s.scorer_name, s.created_at DESC, s.id) latest)`
      : "";
    const sql = `
      SELECT json_build_object(
        'id', p.id, 'setId', p.prompt_set_id, 'hash', p.content_hash, 'messages', p.messages, 'reference', p.reference_answer,
        ${withVerifiers ? "'promptChecks', p.metadata->'checks'," : ""}
        'candidates', COALESCE((
          SELECT json_agg(json_build_object('id', c.id, 'content', c.content, 'source', c.source, 'parentId', c.parent_id, 'model', c.model${verdict}) ORDER BY c.created_at, c.id)
            FROM candidates c WHERE ${candidateClauses.join(" AND ")}), '[]'),
        'judgments', COALESCE((
          SELECT json_agg(json_build_object(
                   'id', j.id, 'annotatorId', j.annotator_id, 'source', j.source, 'outcome', j.outcome, 'rewriteCandidateId', j.rewrite_candidate_id,
                   'flags', j.flags::text[], 'createdAt', j.created_at,
                   'ranks', COALESCE((SELECT json_agg(json_build_object('candidateId', jc.candidate_id, 'rank', jc.rank, 'position', jc.position) ORDER BY jc.position)
                                        FROM judgment_candidates jc WHERE jc.judgment_id = j.id), '[]'))
                 ORDER BY j.created_at, j.id)
            FROM judgments j WHERE j.prompt_id = p.id AND ${judged.sql}), '[]')
      )::text AS row
      -- OFFSET 0 keeps the ordered prompt list its own plan step: the JSON is built row by row after it,
      -- never built first and then sorted.
      FROM (SELECT p.id, p.prompt_set_id, p.content_hash, p.messages, p.reference_answer, p.metadata
              FROM prompts p WHERE ${where.sql}
             ORDER BY p.content_hash, p.id OFFSET 0) p`;
    return { sql, params };
  }

  return {
    snapshotAt,
    async countPrompts() {
      const where = promptWhere();
      const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM prompts p WHERE ${where.sql}`, where.params);
      return Number(rows[0]?.count ?? 0);
    },
    // 250 prompts a page: a page is short-lived enough to die in V8's young generation; with 1,000 a
    // page outlived a few scavenges, so garbage was promoted and the old space grew to ~130 MB between
    // mark-compacts (peak RSS 289 against 242 MiB at 50,000 pairs). Two FETCHes queued hide the round trips.
    async *prompts(pageSize = 250) {
      const sets = await client.query<{ id: string; default_system_message: string | null; verifier_checks: unknown }>(
        `SELECT id, default_system_message, ${withVerifiers ? "verifier_checks" : "NULL AS verifier_checks"} FROM prompt_sets WHERE id = ANY($1::uuid[])`,
        [filters.promptSetIds],
      );
      const setsById = new Map(sets.rows.map((set) => [set.id, set]));
      const cursor = `export_prompts_${(cursors += 1)}`;
      const query = promptsQuery();
      await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${query.sql}`, query.params);
      const fetch = () => client.query<{ row: string }>(`FETCH ${pageSize} FROM ${cursor}`);
      let lastHash: string | null = null;
      let lastId = "";
      // Two FETCHes queued: while this process works on a page, Postgres builds the next one and then,
      // without waiting for this process, the one after (the client sends a queued query as soon as the
      // one before it has been answered), so a slow page on either side does not stall the other.
      const pending: Promise<pg.QueryResult<{ row: string }>>[] = [];
      let exhausted = false;
      const queue = () => {
        if (exhausted) return;
        const next = fetch();
        // A caller that stops early must not leave a rejected read unhandled.
        next.catch(() => undefined);
        pending.push(next);
      };
      queue();
      queue();
      try {
        while (pending.length > 0) {
          const { rows }: pg.QueryResult<{ row: string }> = await pending.shift()!;
          if (rows.length < pageSize) {
            // The cursor is done: a FETCH still queued answers no rows.
            exhausted = true;
          } else queue();
          if (rows.length === 0) continue;
          const prompts: SnapshotPrompt[] = new Array(rows.length);
          for (let i = 0; i < rows.length; i++) {
            const row = JSON.parse(rows[i]!.row) as PromptRow;
            // Duplicate detection relies on this order: checked rather than assumed of the plan.
            if (lastHash !== null && (row.hash < lastHash || (row.hash === lastHash && row.id <= lastId))) {
              throw new Error(`The export snapshot read prompts out of (content_hash, id) order at prompt ${row.id}.`);
            }
            lastHash = row.hash;
            lastId = row.id;
            const set = setsById.get(row.setId);
            prompts[i] = {
              contentHash: row.hash,
              ...judgedPrompt(
                { id: row.id, prompt_set_id: row.setId, messages: row.messages, reference_answer: row.reference, default_system_message: set?.default_system_message ?? null },
                withVerifiers ? row.candidates.map((c) => ({ ...c, verified: c.verified ?? null })) : row.candidates,
                row.judgments.map((j) => ({ ...j, createdAt: new Date(j.createdAt) })),
              ),
              ...(withVerifiers ? { verifierChecks: resolvedChecks(set?.verifier_checks ?? null, row.promptChecks ?? null) } : {}),
            };
          }
          yield prompts;
        }
      } finally {
        // An early stop leaves the cursor open until the transaction ends; close it now (after any FETCH in flight).
        if (!exhausted || pending.length > 0) {
          for (const next of pending) await next.catch(() => undefined);
          await client.query(`CLOSE ${cursor}`).catch(() => undefined);
        }
      }
    },
  };
}

/** The checks a prompt's verifiers use, with defaults filled; invalid lists (never stored by import) count as none. */
function resolvedChecks(setChecks: unknown, promptChecks: unknown): unknown[] {
  const set = parseCheckList(setChecks ?? []);
  const own = promptChecks === null || promptChecks === undefined ? null : parseCheckList(promptChecks);
  return resolveChecks(set.ok ? set.checks : [], own?.ok ? own.checks : []);
}

type RawPrompt = { id: string; prompt_set_id: string; messages: ChatMessage[]; reference_answer: string | null; default_system_message: string | null };

/**
 * The prompt as the pure export logic takes it. Candidate filters (sources, models) remove candidates;
 * judgments then keep only ranks of the remaining candidates, and a rewrite whose own candidate or parent
 * was filtered out is not counted. An adjudication (an admin settling a disagreement) replaces the
 * prompt's other judgments: the latest one is the verdict.
 */
export function judgedPrompt(row: RawPrompt, candidates: ExportCandidate[], judgments: ExportJudgment[]): JudgedPrompt {
  const kept = new Set(candidates.map((c) => c.id));
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const adjudications = judgments.filter((j) => j.source === "ADJUDICATION");
  const verdicts = adjudications.length > 0 ? adjudications.slice(-1) : judgments;
  return {
    promptId: row.id,
    promptSetId: row.prompt_set_id,
    messages: row.messages,
    defaultSystemMessage: row.default_system_message,
    referenceAnswer: row.reference_answer,
    candidates,
    judgments: verdicts.map((judgment) => {
      const rewrite = judgment.rewriteCandidateId ? byId.get(judgment.rewriteCandidateId) : undefined;
      const rewriteKept = rewrite !== undefined && rewrite.parentId !== null && kept.has(rewrite.parentId);
      return {
        ...judgment,
        ranks: judgment.ranks.filter((rank) => kept.has(rank.candidateId)),
        rewriteCandidateId: rewriteKept ? rewrite.id : null,
      };
    }),
  };
}

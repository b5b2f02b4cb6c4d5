import "server-only";
import type pg from "pg";
import type { JudgmentSource } from "@/lib/vocabulary";
import type { ChatMessage } from "@/lib/conversation";
import { exportFormats } from "@/lib/export/formats";
import type { ExportSettings } from "@/lib/export/settings";
import type { ExportCandidate, ExportJudgment, JudgedPrompt } from "@/lib/export/types";
import type { CandidateSource, JudgmentOutcome } from "@/lib/vocabulary";
import { parseCheckList, resolveChecks } from "@/lib/verifiers/config";
import { getDatabaseConfig } from "../config";
import { getPgPool, withPgTransaction } from "../db/pg-pool";

/**
 * One consistent view of the database for a whole export: a READ ONLY REPEATABLE READ transaction on
 * a dedicated connection. Every page is read from the snapshot taken by the first statement, so
 * judgments written while the export runs are either all in (committed before) or all out.
 * Prompts are paged by keyset on (content_hash, id), never OFFSET: each page costs the same however far
 * in, and prompts with the same content are adjacent (so duplicate records across prompt sets can be
 * found with per-group memory).
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
  /**
   * Read judgments on a second connection of the same snapshot. Only for the export builder: a process
   * runs one build at a time, so it is the only caller that ever waits for a second connection while
   * holding one (many previews each doing so could take the whole pool and wait on each other).
   */
  secondReader?: boolean;
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
      const { rows } = await client.query<{ now: Date; snapshot: string }>("SELECT clock_timestamp() AS now, pg_export_snapshot() AS snapshot");
      const { now, snapshot } = rows[0]!;
      // A second reader on the same snapshot reads each page's judgments while the first reads its
      // candidates: Postgres works on both at once (on a second core). It needs a fourth connection
      // of the pool (claim, snapshot, this, a chunk write), so a pool of 3 reads on one connection.
      const second = options.secondReader && getDatabaseConfig().DATABASE_PG_POOL_SIZE >= 4 ? await openSnapshotReader(snapshot) : null;
      try {
        return await work(makeSnapshot(client, second?.client ?? client, now, options));
      } finally {
        await second?.close();
      }
    },
    { isolation: "REPEATABLE READ", readOnly: true },
  );
}

/** A connection whose READ ONLY transaction sees exactly the exported snapshot `snapshotId`. */
async function openSnapshotReader(snapshotId: string): Promise<{ client: pg.ClientBase; close: () => Promise<void> }> {
  // SET TRANSACTION SNAPSHOT takes a literal only; the id comes from pg_export_snapshot() (e.g. 00000003-0000001B-1).
  if (!/^[0-9A-F-]+$/i.test(snapshotId)) throw new Error(`Unexpected snapshot id from Postgres: ${snapshotId}`);
  const client = await getPgPool().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET TRANSACTION SNAPSHOT '${snapshotId}'`);
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  return {
    client,
    close: async () => {
      try {
        await client.query("COMMIT");
        client.release();
      } catch (error) {
        client.release(error instanceof Error ? error : true);
      }
    },
  };
}

type Where = { sql: string; params: unknown[] };

/** The judgment filter as SQL over alias `j`, parameters numbered from `first`. */
function judgmentWhere(filters: ExportFilters, first: number, which: NonNullable<SnapshotOptions["judgments"]> = "people"): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
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

function makeSnapshot(client: pg.ClientBase, judgmentReader: pg.ClientBase, snapshotAt: Date, { filters, judgments: which = "people", judgedOnly, withVerifiers = false }: SnapshotOptions): Snapshot {
  // Built once: the prompt filter and each page's judgment query both number its parameters from $2.
  const judged = judgmentWhere(filters, 2, which);
  // Gold prompts (issue 11) stay out unless the export asks for them (`filters.includeGold`).
  const goldFilter = filters.includeGold ? "" : "AND p.gold IS NULL";
  const promptFilter = `${goldFilter} ${judgedOnly ? `AND EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND ${judged.sql})` : ""}`;
  const filterParams = judgedOnly ? judged.params : [];

  async function page(after: { hash: string; id: string } | null, size: number) {
    const keyset = after ? `AND (p.content_hash, p.id) > ($${2 + filterParams.length}, $${3 + filterParams.length}::uuid)` : "";
    const params = [filters.promptSetIds, ...filterParams, ...(after ? [after.hash, after.id] : [])];
    const { rows } = await client.query<{
      id: string;
      prompt_set_id: string;
      content_hash: string;
      messages: ChatMessage[];
      reference_answer: string | null;
      default_system_message: string | null;
      set_checks: unknown;
      prompt_checks: unknown;
    }>(
      `SELECT p.id, p.prompt_set_id, p.content_hash, p.messages, p.reference_answer, s.default_system_message,
              ${withVerifiers ? "s.verifier_checks AS set_checks, p.metadata->'checks' AS prompt_checks" : "NULL AS set_checks, NULL AS prompt_checks"}
         FROM prompts p JOIN prompt_sets s ON s.id = p.prompt_set_id
        WHERE p.prompt_set_id = ANY($1::uuid[]) ${promptFilter} ${keyset}
        ORDER BY p.content_hash, p.id
        LIMIT ${size}`,
      params,
    );
    return rows;
  }

  async function details(promptIds: string[]) {
    const candidateClauses = ["c.prompt_id = ANY($1::uuid[])"];
    const candidateParams: unknown[] = [promptIds];
    if (filters.sources.length > 0) {
      candidateParams.push(filters.sources);
      candidateClauses.push(`c.source = ANY($${candidateParams.length}::candidate_source[])`);
    }
    if (filters.models.length > 0) {
      candidateParams.push(filters.models);
      candidateClauses.push(`(c.model IS NULL OR c.model = ANY($${candidateParams.length}::text[]))`);
    }
    // On two connections of the same snapshot: the two reads run at once.
    const candidatesRead = client.query<{ id: string; prompt_id: string; content: string; source: CandidateSource; parent_id: string | null; model: string | null }>(
      `SELECT c.id, c.prompt_id, c.content, c.source, c.parent_id, c.model FROM candidates c
        WHERE ${candidateClauses.join(" AND ")} ORDER BY c.prompt_id, c.created_at, c.id`,
      candidateParams,
    );
    const judgmentsRead = judgmentReader.query<{
      id: string;
      prompt_id: string;
      annotator_id: string | null;
      source: JudgmentSource;
      outcome: JudgmentOutcome;
      rewrite_candidate_id: string | null;
      flags: string[];
      created_at: Date;
      ranks: { candidateId: string; rank: number | null; position: number }[];
    }>(
      `SELECT j.id, j.prompt_id, j.annotator_id, j.outcome, j.rewrite_candidate_id, j.flags::text[] AS flags, j.created_at, j.source,
              COALESCE((SELECT json_agg(json_build_object('candidateId', jc.candidate_id, 'rank', jc.rank, 'position', jc.position) ORDER BY jc.position)
                          FROM judgment_candidates jc WHERE jc.judgment_id = j.id), '[]') AS ranks
         FROM judgments j
        WHERE j.prompt_id = ANY($1::uuid[]) AND ${judged.sql}
        ORDER BY j.prompt_id, j.created_at, j.id`,
      [promptIds, ...judged.params],
    );
    const [candidates, judgments] = await Promise.all([candidatesRead, judgmentsRead]);
    // The newest score of each (candidate, check): correct when every decided check passed.
    const verdicts = withVerifiers
      ? await client.query<{ candidate_id: string; verified: boolean | null }>(
          `SELECT candidate_id, CASE WHEN count(passed) = 0 THEN NULL ELSE bool_and(passed) END AS verified
             FROM (SELECT DISTINCT ON (s.candidate_id, s.scorer_name) s.candidate_id, s.passed
                     FROM candidate_scores s JOIN candidates c ON c.id = s.candidate_id
                    WHERE c.prompt_id = ANY($1::uuid[]) AND s.scorer_kind = 'VERIFIER'
                    ORDER BY s.candidate_id, s.scorer_name, s.created_at DESC, s.id) latest
            GROUP BY candidate_id`,
          [promptIds],
        )
      : { rows: [] };
    return { candidates: candidates.rows, judgments: judgments.rows, verdicts: new Map(verdicts.rows.map((v) => [v.candidate_id, v.verified])) };
  }

  return {
    snapshotAt,
    async countPrompts() {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*) FROM prompts p WHERE p.prompt_set_id = ANY($1::uuid[]) ${promptFilter}`,
        [filters.promptSetIds, ...filterParams],
      );
      return Number(rows[0]?.count ?? 0);
    },
    async *prompts(pageSize = 500) {
      type Loaded = { prompts: SnapshotPrompt[]; next: { hash: string; id: string } | null } | null;
      const load = async (after: { hash: string; id: string } | null): Promise<Loaded> => {
        const rows = await page(after, pageSize);
        if (rows.length === 0) return null;
        const last = rows.at(-1)!;
        const { candidates, judgments, verdicts } = await details(rows.map((row) => row.id));
        const candidatesByPrompt = groupBy(candidates, (c) => c.prompt_id);
        const judgmentsByPrompt = groupBy(judgments, (j) => j.prompt_id);
        const prompts: SnapshotPrompt[] = rows.map((row) => ({
          contentHash: row.content_hash,
          ...judgedPrompt(
            row,
            (candidatesByPrompt.get(row.id) ?? []).map((c) => ({
              id: c.id,
              content: c.content,
              source: c.source,
              parentId: c.parent_id,
              model: c.model,
              ...(withVerifiers ? { verified: verdicts.get(c.id) ?? null } : {}),
            })),
            (judgmentsByPrompt.get(row.id) ?? []).map((j) => ({
              id: j.id,
              annotatorId: j.annotator_id,
              source: j.source,
              outcome: j.outcome,
              ranks: j.ranks,
              rewriteCandidateId: j.rewrite_candidate_id,
              flags: j.flags,
              createdAt: j.created_at,
            })),
          ),
          ...(withVerifiers ? { verifierChecks: resolvedChecks(row.set_checks, row.prompt_checks) } : {}),
        }));
        return { prompts, next: rows.length < pageSize ? null : { hash: last.content_hash, id: last.id } };
      };
      // The next page is read while the caller works on this one: the database and the CPU overlap.
      let pending: Promise<Loaded> | null = load(null);
      while (pending) {
        const loaded: Loaded = await pending;
        if (!loaded) return;
        pending = loaded.next ? load(loaded.next) : null;
        // A caller that stops early must not leave a rejected read unhandled.
        pending?.catch(() => undefined);
        yield loaded.prompts;
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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
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

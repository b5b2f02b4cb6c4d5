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
 * a dedicated connection. Every row is read from the snapshot taken by the first statement, so
 * judgments written while the export runs are either all in (committed before) or all out.
 * Prompts come in (content_hash, id) order, so prompts with the same content are adjacent (duplicate
 * records across prompt sets are found with per-group memory). They are read as three flat streams of
 * plain rows, each a cursor in that order: the prompts, their candidates, and their judgments with one
 * row per rank. This process merges them as they arrive (a prompt takes the candidate and judgment rows
 * of its id). Postgres builds no per-prompt aggregate: per-prompt json_agg subqueries cost it about 4x a
 * bare `COPY (SELECT json ...)`, the three streams about 1x (hash joins and one sort each).
 */
export type Snapshot = {
  snapshotAt: Date;
  countPrompts(): Promise<number>;
  /** Pages of `pageSize` prompts; `fetchRows` rows a FETCH of each stream (small values for tests). */
  prompts(pageSize?: number, fetchRows?: number): AsyncGenerator<SnapshotPrompt[]>;
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
   * Read candidates and judgments on two more connections of the pool that import this snapshot, so
   * that Postgres sorts and sends the three streams at once (export builds; a preview stays on one).
   * Ignored with DATABASE_PG_POOL_SIZE below 5.
   */
  parallelReaders?: boolean;
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
  // Readers beside the snapshot's own connection: only from a pool with room for them (claim, snapshot,
  // two readers, a chunk write), so that an export never waits on connections that it holds itself.
  const parallel = options.parallelReaders === true && getDatabaseConfig().DATABASE_PG_POOL_SIZE >= 5;
  return withPgTransaction(
    async (client) => {
      // The first statement fixes the snapshot; its clock reading is the one the manifest records.
      const { rows } = await client.query<{ now: Date; snapshot: string | null }>(
        `SELECT clock_timestamp() AS now, ${parallel ? "pg_export_snapshot()" : "NULL"} AS snapshot`,
      );
      await client.query(streamPlanning);
      const readers: Reader[] = [];
      try {
        if (parallel) for (let i = 0; i < 2; i++) readers.push(await openReader(rows[0]!.snapshot!));
        return await work(makeSnapshot(client, readers, rows[0]!.now, options));
      } finally {
        for (const reader of readers) await reader.close();
      }
    },
    { isolation: "REPEATABLE READ", readOnly: true },
  );
}

// The streams are read to their end: plan them for the whole result (hash joins and one sort each,
// about a third of the CPU at 50,000 prompts), not for their first rows (nested loops).
const streamPlanning = "SET LOCAL cursor_tuple_fraction = 1";

/** A pooled connection whose READ ONLY transaction sees exactly the snapshot exported by the export's own. */
type Reader = { client: pg.PoolClient; close(): Promise<void> };

export async function openReader(snapshotId: string): Promise<Reader> {
  // SET TRANSACTION SNAPSHOT takes a literal only; the id comes from pg_export_snapshot() (e.g. 00000003-0000001B-1).
  if (!/^[0-9A-F]+(-[0-9A-F]+)+$/i.test(snapshotId)) throw new Error(`Unexpected snapshot id from pg_export_snapshot(): ${snapshotId}`);
  const client = await getPgPool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET TRANSACTION SNAPSHOT '${snapshotId}'`);
    await client.query(streamPlanning);
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  return {
    client,
    async close() {
      await client.query("ROLLBACK").catch((error: unknown) => (broken = error instanceof Error ? error : new Error(String(error))));
      client.release(broken);
    },
  };
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

// The three streams' rows, as node-postgres returns them in array mode (columns in SELECT order).
/** [id, setId, hash, messages (jsonb, parsed), reference, promptChecks (jsonb, parsed) or null] */
type PromptRow = [string, string, string, ChatMessage[], string | null, unknown];
/** [promptId, id, content, source, parentId, model, verified or null] */
type CandidateRow = [string, string, string, CandidateSource, string | null, string | null, boolean | null];
/** [promptId, judgmentId, annotatorId, source, outcome, rewriteCandidateId, flags, createdAt (epoch ms), candidateId, rank, position]: one per rank (ranks null when the judgment has none). */
type JudgmentRow = [string, string, string | null, JudgmentSource, JudgmentOutcome, string | null, string[], number, string | null, number | null, number | null];

let cursors = 0;

/** Runs statements on one connection one after another, each sent as soon as the one before it is answered. */
type Serial = <T>(statement: () => Promise<T>) => Promise<T>;

/**
 * A queue of statements for one connection. node-postgres queues a query sent while another runs, but
 * deprecates queueing more than one (pg 9 drops it); three cursors with two FETCHes queued each need more.
 */
function serialOn(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return (statement) => {
    const next = tail.then(statement);
    tail = next.catch(() => undefined);
    return next;
  };
}

/**
 * One ordered stream of rows from a cursor: pages of `pageSize` rows, two FETCHes queued (while this
 * process works on a page Postgres answers the next, and then the one after without waiting for this
 * process). Rows are taken one at a time (`peek`/`next`) without a promise each; `fill()` is awaited
 * only when the page in hand is used up.
 */
class RowStream<Row extends unknown[]> {
  private readonly pending: Promise<pg.QueryResult<Row>>[] = [];
  private rows: Row[] = [];
  private at = 0;
  private exhausted = false;
  private constructor(
    private readonly client: pg.ClientBase,
    private readonly serial: Serial,
    private readonly cursor: string,
    private readonly pageSize: number,
  ) {}

  static async open<Row extends unknown[]>(client: pg.ClientBase, serial: Serial, name: string, query: Where, pageSize: number): Promise<RowStream<Row>> {
    const cursor = `export_${name}_${(cursors += 1)}`;
    const stream = new RowStream<Row>(client, serial, cursor, pageSize);
    // Not awaited alone: the DECLARE and the first two FETCHes are queued together.
    const declared = serial(() => client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${query.sql}`, query.params));
    declared.catch(() => undefined);
    stream.queue();
    stream.queue();
    await declared;
    return stream;
  }

  private queue(): void {
    if (this.exhausted) return;
    const next = this.serial(() => this.client.query<Row>({ text: `FETCH ${this.pageSize} FROM ${this.cursor}`, rowMode: "array" }));
    // A caller that stops early must not leave a rejected read unhandled.
    next.catch(() => undefined);
    this.pending.push(next);
  }

  /** The next row without taking it; undefined when the page in hand is used up (then `fill()`) or the stream ended. */
  peek(): Row | undefined {
    return this.rows[this.at];
  }

  next(): Row | undefined {
    return this.rows[this.at++];
  }

  /** Waits for the next page when the one in hand is used up; false when the stream has ended. */
  async fill(): Promise<boolean> {
    while (this.at >= this.rows.length) {
      const next = this.pending.shift();
      if (!next) return false;
      const { rows } = await next;
      // A short page ends the cursor: a FETCH still queued answers no rows.
      if (rows.length < this.pageSize) this.exhausted = true;
      else this.queue();
      this.rows = rows;
      this.at = 0;
    }
    return true;
  }

  /** Closes the cursor after an early stop (after any FETCH in flight); the transaction stays usable. */
  async close(): Promise<void> {
    if (this.exhausted && this.pending.length === 0) return;
    for (const next of this.pending) await next.catch(() => undefined);
    this.pending.length = 0;
    this.exhausted = true;
    await this.serial(() => this.client.query(`CLOSE ${this.cursor}`)).catch(() => undefined);
  }
}

function makeSnapshot(client: pg.ClientBase, readers: Reader[], snapshotAt: Date, { filters, judgments: which = "people", judgedOnly, withVerifiers = false }: SnapshotOptions): Snapshot {
  /** The prompt filter (over alias `p`) with its parameters from $1: the sets, gold, and "judged" when asked. */
  function promptWhere(): Where {
    const params: unknown[] = [filters.promptSetIds];
    const judged = judgmentWhere(filters, params, which);
    // Gold prompts (issue 11) stay out unless the export asks for them (`filters.includeGold`).
    const gold = filters.includeGold ? "" : "AND p.gold IS NULL";
    const exists = judgedOnly ? `AND EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND ${judged.sql})` : "";
    return { sql: `p.prompt_set_id = ANY($1::uuid[]) ${gold} ${exists}`, params };
  }

  // Three flat streams, each ordered by the prompt's (content_hash, id) and then by the order the export
  // logic reads them in, merged below as they arrive. The same prompt filter in the same snapshot makes
  // every candidate's and judgment's prompt one of the prompt stream's.
  function promptsQuery(): Where {
    const where = promptWhere();
    const sql = `
      SELECT p.id, p.prompt_set_id, p.content_hash, p.messages, p.reference_answer, ${withVerifiers ? "p.metadata->'checks'" : "NULL::jsonb"}
        FROM prompts p WHERE ${where.sql}
       ORDER BY p.content_hash, p.id`;
    return { sql, params: where.params };
  }

  function candidatesQuery(): Where {
    const where = promptWhere();
    const param = parameters(where.params);
    const clauses = [where.sql];
    if (filters.sources.length > 0) clauses.push(`c.source = ANY(${param(filters.sources)}::candidate_source[])`);
    if (filters.models.length > 0) clauses.push(`(c.model IS NULL OR c.model = ANY(${param(filters.models)}::text[]))`);
    // The newest score of each (candidate, check): correct when every decided check passed.
    const verdict = withVerifiers
      ? `(SELECT CASE WHEN count(passed) = 0 THEN NULL ELSE bool_and(passed) END
            FROM (SELECT DISTINCT ON (s.scorer_name) s.passed FROM candidate_scores s
                   WHERE s.candidate_id = c.id AND s.scorer_kind = 'VERIFIER'
                   ORDER BY s.scorer_name, s.created_at DESC, s.id) latest)`
      : "NULL::boolean";
    const sql = `
      SELECT c.prompt_id, c.id, c.content, c.source, c.parent_id, c.model, ${verdict}
        FROM prompts p JOIN candidates c ON c.prompt_id = p.id
       WHERE ${clauses.join(" AND ")}
       ORDER BY p.content_hash, p.id, c.created_at, c.id`;
    return { sql, params: where.params };
  }

  function judgmentsQuery(): Where {
    const where = promptWhere();
    const judged = judgmentWhere(filters, where.params, which);
    // created_at as epoch milliseconds (timestamp(3): exact), not a Date parsed from text per row.
    const sql = `
      SELECT j.prompt_id, j.id, j.annotator_id, j.source, j.outcome, j.rewrite_candidate_id, j.flags::text[],
             (extract(epoch FROM j.created_at) * 1000)::float8, jc.candidate_id, jc.rank, jc.position
        FROM prompts p JOIN judgments j ON j.prompt_id = p.id AND ${judged.sql}
        LEFT JOIN judgment_candidates jc ON jc.judgment_id = j.id
       WHERE ${where.sql}
       ORDER BY p.content_hash, p.id, j.created_at, j.id, jc.position`;
    return { sql, params: where.params };
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
    // mark-compacts (peak RSS 289 against 242 MiB at 50,000 pairs).
    async *prompts(pageSize = 250, fetchRows = 1000) {
      const sets = await client.query<{ id: string; default_system_message: string | null; verifier_checks: unknown }>(
        `SELECT id, default_system_message, ${withVerifiers ? "verifier_checks" : "NULL AS verifier_checks"} FROM prompt_sets WHERE id = ANY($1::uuid[])`,
        [filters.promptSetIds],
      );
      const setsById = new Map(sets.rows.map((set) => [set.id, set]));
      // 1,000 rows a FETCH by default (prompts: at least a page): fewer round trips than a FETCH per page
      // of prompts (at 250 the prompt stream's waits added up to seconds at 50,000), little held in the heap.
      // With readers, each stream has its own connection (Postgres sorts and sends the three at once);
      // without, the three cursors share the snapshot's connection, one statement at a time.
      const serial = serialOn();
      const [candidateReader, judgmentReader] = readers.length === 2 ? readers.map((reader) => ({ client: reader.client, serial: serialOn() })) : [{ client, serial }, { client, serial }];
      const prompts = await RowStream.open<PromptRow>(client, serial, "prompts", promptsQuery(), Math.max(pageSize, fetchRows));
      const candidates = await RowStream.open<CandidateRow>(candidateReader!.client, candidateReader!.serial, "candidates", candidatesQuery(), fetchRows);
      const judgmentRows = await RowStream.open<JudgmentRow>(judgmentReader!.client, judgmentReader!.serial, "judgments", judgmentsQuery(), fetchRows);
      let lastHash: string | null = null;
      let lastId = "";
      try {
        let page: SnapshotPrompt[] = [];
        while (await prompts.fill()) {
          for (let row = prompts.next(); row !== undefined; row = prompts.next()) {
            const [id, setId, hash, messages, reference, promptChecks] = row;
            // Duplicate detection relies on this order: checked rather than assumed of the plan.
            if (lastHash !== null && (hash < lastHash || (hash === lastHash && id <= lastId))) {
              throw new Error(`The export snapshot read prompts out of (content_hash, id) order at prompt ${id}.`);
            }
            lastHash = hash;
            lastId = id;

            const promptCandidates: ExportCandidate[] = [];
            while ((candidates.peek() ?? ((await candidates.fill()) ? candidates.peek() : undefined))?.[0] === id) {
              const [, candidateId, content, source, parentId, model, verified] = candidates.next()!;
              promptCandidates.push(withVerifiers ? { id: candidateId, content, source, parentId, model, verified } : { id: candidateId, content, source, parentId, model });
            }
            const promptJudgments: ExportJudgment[] = [];
            let judgment: ExportJudgment | undefined;
            while ((judgmentRows.peek() ?? ((await judgmentRows.fill()) ? judgmentRows.peek() : undefined))?.[0] === id) {
              const [, judgmentId, annotatorId, source, outcome, rewriteCandidateId, flags, createdAt, candidateId, rank, position] = judgmentRows.next()!;
              if (judgment?.id !== judgmentId) {
                judgment = { id: judgmentId, annotatorId, source, outcome, rewriteCandidateId, flags, createdAt: new Date(createdAt), ranks: [] };
                promptJudgments.push(judgment);
              }
              if (candidateId !== null) judgment.ranks.push({ candidateId, rank, position: position! });
            }

            const set = setsById.get(setId);
            page.push({
              contentHash: hash,
              ...judgedPrompt(
                { id, prompt_set_id: setId, messages, reference_answer: reference, default_system_message: set?.default_system_message ?? null },
                promptCandidates,
                promptJudgments,
              ),
              ...(withVerifiers ? { verifierChecks: resolvedChecks(set?.verifier_checks ?? null, promptChecks ?? null) } : {}),
            });
            if (page.length === pageSize) {
              yield page;
              page = [];
            }
          }
        }
        if (page.length > 0) yield page;
        // Every candidate and judgment belongs to one of the prompts read: a row left over means the
        // streams disagreed on the order, and the records built would be wrong.
        for (const [name, stream] of [["candidate", candidates], ["judgment", judgmentRows]] as const) {
          if (await stream.fill()) throw new Error(`The export snapshot read a ${name} of prompt ${String(stream.peek()![0])} out of the prompts' order.`);
        }
      } finally {
        // An early stop leaves cursors open until the transaction ends; close them now.
        await prompts.close();
        await candidates.close();
        await judgmentRows.close();
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

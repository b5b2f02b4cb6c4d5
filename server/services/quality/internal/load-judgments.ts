import "server-only";
import { getPgPool } from "../../../db/pg-pool";
import pg from "pg";
import { allocatePacked, parsePgIntArray, type PackedJudgments } from "@/lib/quality/packed-judgments";
import { ANSWER_CHECK_TYPES, type InstructionTally, type VerifierTally } from "@/lib/quality/verifier-rates";

/**
 * A set's human judgments in columns (lib/quality/packed-judgments.ts), in one query and one row:
 * Postgres numbers prompts, annotators and candidates (candidates in id order) and hands back integer
 * arrays, parsed straight into typed arrays. No object per judgment is made on either side; this is
 * what keeps 100,000 judgments within the statistics' 2 s (`npm run bench:quality`).
 */
export async function loadPackedJudgments(promptSetId: string): Promise<PackedJudgments> {
  const { rows } = await getPgPool().query<{
    prompt_ids: string | null;
    annotator_ids: string | null;
    candidate_ids: string | null;
    candidate_lengths: Int32Array | null;
    j_n: Int32Array | null;
    j_prompt: Int32Array | null;
    j_annotator: Int32Array | null;
    j_outcome: Int32Array | null;
    j_time: Int32Array | null;
    j_created: Float64Array | null;
    jc_judgment: Int32Array | null;
    jc_candidate: Int32Array | null;
    jc_position: Int32Array | null;
    jc_rank: Int32Array | null;
  }>({
    // Each CTE is read more than once, so it is computed once; the array_aggs of one SELECT see the same
    // rows in the same order, so j_n (the judgment's number) lines the judgment columns up.
    text: `WITH p AS MATERIALIZED (
             SELECT id, (row_number() OVER () - 1)::int AS k FROM prompts WHERE prompt_set_id = $1::uuid
           ), j AS MATERIALIZED (
             SELECT j.id, p.k AS pk, j.annotator_id, j.outcome, j.time_spent_ms, j.created_at, (row_number() OVER () - 1)::int AS n
             FROM judgments j JOIN p ON p.id = j.prompt_id
             WHERE j.prompt_set_id = $1::uuid AND j.source = 'HUMAN' AND j.annotator_id IS NOT NULL
           ), a AS MATERIALIZED (
             SELECT id, (row_number() OVER () - 1)::int AS k FROM (SELECT DISTINCT annotator_id AS id FROM j) d
           ), l AS MATERIALIZED (
             SELECT c.id, char_length(c.content) AS len FROM candidates c JOIN p ON p.id = c.prompt_id
           ), c AS MATERIALIZED (
             SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS k, len FROM l
           )
           SELECT (SELECT string_agg(id::text, ',' ORDER BY k) FROM p) AS prompt_ids,
                  (SELECT string_agg(id::text, ',' ORDER BY k) FROM a) AS annotator_ids,
                  (SELECT string_agg(id::text, ',' ORDER BY k) FROM c) AS candidate_ids,
                  (SELECT array_agg(len ORDER BY k) FROM c) AS candidate_lengths,
                  js.*, jcs.*
           FROM (SELECT array_agg(j.n) AS j_n, array_agg(j.pk) AS j_prompt, array_agg(a.k) AS j_annotator,
                        array_agg(CASE j.outcome WHEN 'PREFERENCE' THEN 0 WHEN 'TIE' THEN 1 ELSE 2 END) AS j_outcome,
                        array_agg(j.time_spent_ms) AS j_time, array_agg(floor(extract(epoch FROM j.created_at))::bigint) AS j_created
                 FROM j JOIN a ON a.id = j.annotator_id) js,
                (SELECT array_agg(j.n) AS jc_judgment, array_agg(c.k) AS jc_candidate, array_agg(jc.position) AS jc_position, array_agg(coalesce(jc.rank, 0)) AS jc_rank
                 FROM judgment_candidates jc JOIN j ON j.id = jc.judgment_id JOIN c ON c.id = jc.candidate_id) jcs`,
    values: [promptSetId],
    types: INT_ARRAYS_AS_TYPED,
  });
  const row = rows[0]!;
  const split = (text: string | null) => (text ? text.split(",") : []);
  const count = row.j_n?.length ?? 0;
  const packed = allocatePacked(count, row.jc_judgment?.length ?? 0, {
    candidateLength: row.candidate_lengths ?? new Int32Array(0),
    promptIds: split(row.prompt_ids),
    annotatorIds: split(row.annotator_ids),
    candidateIds: split(row.candidate_ids),
  });
  for (let r = 0; r < count; r++) {
    const i = row.j_n![r]!;
    packed.prompt[i] = row.j_prompt![r]!;
    packed.annotator[i] = row.j_annotator![r]!;
    packed.outcome[i] = row.j_outcome![r]!;
    packed.timeSpentMs[i] = row.j_time![r]!;
    packed.createdAt[i] = row.j_created![r]!;
  }
  // Candidate entries grouped by judgment (counting sort), then each judgment's in the order shown.
  const entries = packed.candidate.length;
  for (let e = 0; e < entries; e++) packed.start[row.jc_judgment![e]! + 1]! += 1;
  for (let i = 0; i < count; i++) packed.start[i + 1]! += packed.start[i]!;
  const fill = packed.start.slice(0, count);
  const position = new Int32Array(entries);
  for (let e = 0; e < entries; e++) {
    const at = fill[row.jc_judgment![e]!]!++;
    packed.candidate[at] = row.jc_candidate![e]!;
    packed.rank[at] = row.jc_rank![e]!;
    position[at] = row.jc_position![e]!;
  }
  for (let i = 0; i < count; i++) {
    const from = packed.start[i]!;
    const to = packed.start[i + 1]!;
    // Insertion sort by position: two to a handful of entries.
    for (let x = from + 1; x < to; x++) {
      for (let y = x; y > from && position[y - 1]! > position[y]!; y--) {
        swap(position, y, y - 1);
        swap(packed.candidate, y, y - 1);
        swap(packed.rank, y, y - 1);
      }
    }
  }
  return packed;
}

function swap(array: Int32Array, x: number, y: number) {
  const value = array[x]!;
  array[x] = array[y]!;
  array[y] = value;
}

const INT4_ARRAY = 1007;
const INT8_ARRAY = 1016;
/** int4[] and int8[] columns as typed arrays (NULL as 0); every other type as node-postgres parses it. */
const INT_ARRAYS_AS_TYPED = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT4_ARRAY) return (text: string) => parsePgIntArray(text, (length) => new Int32Array(length));
    if (oid === INT8_ARRAY) return (text: string) => parsePgIntArray(text, (length) => new Float64Array(length));
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** Skipped leases per annotator in a set. */
export async function loadSkips(promptSetId: string): Promise<Map<string, number>> {
  const { rows } = await getPgPool().query<{ annotator_id: string; skips: number }>({
    text: `SELECT annotator_id::text, count(*)::int AS skips FROM assignments WHERE prompt_set_id = $1::uuid AND status = 'SKIPPED' GROUP BY annotator_id`,
    values: [promptSetId],
  });
  return new Map(rows.map((row) => [row.annotator_id, row.skips]));
}

/** Gold prompts of a set: id and stored gold value. */
export async function loadGold(promptSetId: string): Promise<{ promptId: string; gold: unknown }[]> {
  const { rows } = await getPgPool().query<{ id: string; gold: unknown }>({
    text: `SELECT id::text, gold FROM prompts WHERE prompt_set_id = $1::uuid AND gold IS NOT NULL`,
    values: [promptSetId],
  });
  return rows.map((row) => ({ promptId: row.id, gold: row.gold }));
}

export type ComparisonRow = {
  promptId: string;
  promptSetId: string;
  source: string;
  category: string | null;
  candidates: { source: string; model: string | null; endpointId: string | null; rank: number | null }[];
};

/** Judgments with their candidates' provenance, for the leaderboard: one set or every set the actor may see. */
export async function loadComparisons(promptSetId: string | null, categoryKey = "category"): Promise<ComparisonRow[]> {
  const { rows } = await getPgPool().query<{
    prompt_id: string;
    prompt_set_id: string;
    source: string;
    category: string | null;
    sources: string[];
    models: (string | null)[];
    endpoints: (string | null)[];
    ranks: (number | null)[];
  }>({
    text: `SELECT j.prompt_id::text, j.prompt_set_id::text, j.source::text,
              CASE WHEN jsonb_typeof(p.metadata->$2::text) = 'string' THEN p.metadata->>$2::text END AS category,
              array_agg(c.source::text ORDER BY jc.position) AS sources,
              array_agg(c.model ORDER BY jc.position) AS models,
              array_agg(c.endpoint_id::text ORDER BY jc.position) AS endpoints,
              array_agg(jc.rank ORDER BY jc.position) AS ranks
           FROM judgments j
           JOIN prompts p ON p.id = j.prompt_id
           JOIN prompt_sets s ON s.id = j.prompt_set_id
           JOIN judgment_candidates jc ON jc.judgment_id = j.id
           JOIN candidates c ON c.id = jc.candidate_id
           WHERE ($1::uuid IS NULL OR j.prompt_set_id = $1::uuid) AND p.gold IS NULL
           GROUP BY j.id, p.id`,
    values: [promptSetId, categoryKey],
  });
  return rows.map((row) => ({
    promptId: row.prompt_id,
    promptSetId: row.prompt_set_id,
    source: row.source,
    category: row.category,
    candidates: row.sources.map((source, i) => ({ source, model: row.models[i] ?? null, endpointId: row.endpoints[i] ?? null, rank: row.ranks[i] ?? null })),
  }));
}

/**
 * Verifier results for the leaderboard, counted in Postgres: the newest result of each (candidate,
 * check), per candidate provenance and check; and per provenance, candidates passing every instruction
 * check scored on them (lib/quality/verifier-rates.ts says which checks those are).
 */
export async function loadVerifierTallies(promptSetId: string | null): Promise<{ verifiers: VerifierTally[]; instructions: InstructionTally[] }> {
  const latest = `
    SELECT DISTINCT ON (s.candidate_id, s.scorer_name) s.candidate_id, s.prompt_set_id, s.scorer_name, split_part(s.scorer_version, '@', 1) AS check_type, s.passed
    FROM candidate_scores s
    WHERE s.scorer_kind = 'VERIFIER' AND ($1::uuid IS NULL OR s.prompt_set_id = $1::uuid)
      AND NOT EXISTS (SELECT 1 FROM candidates gc JOIN prompts gp ON gp.id = gc.prompt_id WHERE gc.id = s.candidate_id AND gp.gold IS NOT NULL)
    ORDER BY s.candidate_id, s.scorer_name, s.created_at DESC, s.id`;
  type Row = { prompt_set_id: string; source: string; model: string | null; endpoint_id: string | null; total: number; passed: number; undecided: number };
  const pool = getPgPool();
  const [verifiers, instructions] = await Promise.all([
    pool.query<Row & { verifier: string; check_type: string }>({
      text: `WITH latest AS (${latest})
             SELECT l.prompt_set_id::text, c.source::text, c.model, c.endpoint_id::text, l.scorer_name AS verifier, l.check_type,
                    count(*)::int AS total, count(*) FILTER (WHERE l.passed)::int AS passed, count(*) FILTER (WHERE l.passed IS NULL)::int AS undecided
             FROM latest l JOIN candidates c ON c.id = l.candidate_id GROUP BY 1, 2, 3, 4, 5, 6`,
      values: [promptSetId],
    }),
    pool.query<Row>({
      text: `WITH latest AS (${latest}), per_candidate AS (
               SELECT candidate_id, prompt_set_id, bool_and(passed) AS all_passed, bool_or(passed IS NULL) AS any_undecided
               FROM latest WHERE check_type <> ALL ($2::text[]) GROUP BY candidate_id, prompt_set_id)
             SELECT p.prompt_set_id::text, c.source::text, c.model, c.endpoint_id::text, count(*)::int AS total,
                    count(*) FILTER (WHERE p.all_passed AND NOT p.any_undecided)::int AS passed, count(*) FILTER (WHERE p.any_undecided)::int AS undecided
             FROM per_candidate p JOIN candidates c ON c.id = p.candidate_id GROUP BY 1, 2, 3, 4`,
      values: [promptSetId, [...ANSWER_CHECK_TYPES]],
    }),
  ]);
  const provenance = (row: Row) => ({ promptSetId: row.prompt_set_id, source: row.source, model: row.model, endpointId: row.endpoint_id, total: row.total, passed: row.passed, undecided: row.undecided });
  return {
    verifiers: verifiers.rows.map((row) => ({ ...provenance(row), verifier: row.verifier, checkType: row.check_type })),
    instructions: instructions.rows.map(provenance),
  };
}

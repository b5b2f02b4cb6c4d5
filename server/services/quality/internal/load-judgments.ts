import "server-only";
import { getPgPool } from "../../../db/pg-pool";
import type { QualityJudgment } from "@/lib/quality/set-quality";

/**
 * Every judgment of a set with its candidates (id, position, rank, length in characters), one row per
 * judgment (arrays in position order). Read through node-postgres, not Prisma: 100,000 judgments come back
 * in well under a second this way (`npm run bench:quality`).
 */
export async function loadSetJudgments(promptSetId: string): Promise<QualityJudgment[]> {
  const { rows } = await getPgPool().query<{
    id: string;
    prompt_id: string;
    annotator_id: string | null;
    source: string;
    outcome: QualityJudgment["outcome"];
    time_spent_ms: number;
    created_at: Date;
    ids: string;
    ranks: (number | null)[];
    lengths: number[];
  }>({
    text: `SELECT j.id::text, j.prompt_id::text, j.annotator_id::text, j.source::text, j.outcome::text, j.time_spent_ms, j.created_at,
              string_agg(jc.candidate_id::text, ',' ORDER BY jc.position) AS ids,
              array_agg(jc.rank ORDER BY jc.position) AS ranks,
              array_agg(char_length(c.content) ORDER BY jc.position) AS lengths
           FROM judgments j
           JOIN judgment_candidates jc ON jc.judgment_id = j.id
           JOIN candidates c ON c.id = jc.candidate_id
           WHERE j.prompt_set_id = $1::uuid
           GROUP BY j.id`,
    values: [promptSetId],
  });
  return rows.map((row) => {
    const ids = row.ids.split(",");
    return {
      id: row.id,
      promptId: row.prompt_id,
      annotatorId: row.annotator_id,
      source: row.source,
      outcome: row.outcome,
      timeSpentMs: row.time_spent_ms,
      createdAt: row.created_at,
      candidates: ids.map((candidateId, position) => ({ candidateId, position, rank: row.ranks[position] ?? null, length: row.lengths[position] ?? 0 })),
    };
  });
}

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
export async function loadComparisons(promptSetId: string | null): Promise<ComparisonRow[]> {
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
              CASE WHEN jsonb_typeof(p.metadata->'category') = 'string' THEN p.metadata->>'category' END AS category,
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
    values: [promptSetId],
  });
  return rows.map((row) => ({
    promptId: row.prompt_id,
    promptSetId: row.prompt_set_id,
    source: row.source,
    category: row.category,
    candidates: row.sources.map((source, i) => ({ source, model: row.models[i] ?? null, endpointId: row.endpoints[i] ?? null, rank: row.ranks[i] ?? null })),
  }));
}

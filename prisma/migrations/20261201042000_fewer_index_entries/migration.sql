-- Fewer index entries per judgment (issue 12, Postgres's CPU per judgment), as
-- 20261201014500_judgments_partial_judge_indexes did for the judge columns. Two indexes held an entry for
-- rows whose column is null, which no lookup of them can want:
--   judgments_rewrite_candidate_id_key: only a judgment with a human rewrite has rewrite_candidate_id, yet
--     every judgment wrote a (null) entry. Now partial, WHERE NOT NULL: it enforces the same uniqueness (nulls
--     never conflicted), and the lookups by it (the foreign key's SET NULL when a candidate is deleted,
--     rewrite_candidate_id = $1) imply NOT NULL, so the planner uses it as before.
--   prompts_prompt_set_id_external_id_idx: a prompt imported without an id of its own has a null
--     external_id, and each claim's update of open_slots (never HOT: the column is in prompts_open's
--     predicate) wrote a new entry for it. Now partial, WHERE external_id IS NOT NULL; a lookup by
--     (prompt_set_id, external_id = $2) implies it. (The prompt list's search is ILIKE, which uses no index.)
-- Same names and columns, so the schema in prisma/schema.prisma (@unique, @@index) still describes them and
-- `prisma migrate diff` finds nothing. Only indexes change: an older app instance works the same beside this.
DROP INDEX "judgments_rewrite_candidate_id_key";
CREATE UNIQUE INDEX "judgments_rewrite_candidate_id_key" ON "judgments" ("rewrite_candidate_id") WHERE "rewrite_candidate_id" IS NOT NULL;
DROP INDEX "prompts_prompt_set_id_external_id_idx";
CREATE INDEX "prompts_prompt_set_id_external_id_idx" ON "prompts" ("prompt_set_id", "external_id") WHERE "external_id" IS NOT NULL;

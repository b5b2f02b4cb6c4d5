-- Fewer index entries per human judgment (issue 12, Postgres's CPU per judgment). judgments' indexes on
-- judge_run_id, judge_template_id and endpoint_id (foreign keys that only MODEL_JUDGE rows fill) held an
-- entry for every human judgment too, three index inserts and their WAL per submit. They are now partial,
-- WHERE the column IS NOT NULL: a lookup or a cascade by one of them (column = $1) implies NOT NULL, so the
-- planner uses them as before. Only indexes change: an older app instance works the same beside this.
DROP INDEX "judgments_judge_run_id_idx";
CREATE INDEX "judgments_judge_run_id_idx" ON "judgments" ("judge_run_id") WHERE "judge_run_id" IS NOT NULL;
DROP INDEX "judgments_judge_template_id_idx";
CREATE INDEX "judgments_judge_template_id_idx" ON "judgments" ("judge_template_id") WHERE "judge_template_id" IS NOT NULL;
DROP INDEX "judgments_endpoint_id_idx";
CREATE INDEX "judgments_endpoint_id_idx" ON "judgments" ("endpoint_id") WHERE "endpoint_id" IS NOT NULL;

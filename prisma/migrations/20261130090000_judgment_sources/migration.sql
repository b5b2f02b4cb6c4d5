-- Judgments get a source (HUMAN, ADJUDICATION, IMPORTED) instead of the is_adjudication boolean.
-- Every existing judgment is kept: is_adjudication = true becomes ADJUDICATION, the rest HUMAN.
CREATE TYPE "judgment_source" AS ENUM ('HUMAN', 'ADJUDICATION', 'IMPORTED');

ALTER TABLE "judgments" ADD COLUMN "source" "judgment_source" NOT NULL DEFAULT 'HUMAN';
UPDATE "judgments" SET "source" = 'ADJUDICATION' WHERE "is_adjudication";
ALTER TABLE "judgments" DROP COLUMN "is_adjudication";

-- A preference label imported with a file has no annotator, and every other judgment has one.
ALTER TABLE "judgments" ALTER COLUMN "annotator_id" DROP NOT NULL;
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_annotator_unless_imported" CHECK ("source" = 'IMPORTED' OR "annotator_id" IS NOT NULL);

-- One judgment per (prompt, annotator) holds for annotators' own verdicts only: an admin who settles
-- a prompt is not judging it as an annotator, and imported labels have no annotator at all.
DROP INDEX "judgments_prompt_id_annotator_id_key";
CREATE UNIQUE INDEX "judgments_one_per_annotator" ON "judgments" ("prompt_id", "annotator_id") WHERE "source" = 'HUMAN';
CREATE INDEX "judgments_prompt_id_annotator_id_idx" ON "judgments" ("prompt_id", "annotator_id");

-- The column mapping last used to import a file of an unknown shape into the set.
ALTER TABLE "prompt_sets" ADD COLUMN "import_mapping" JSONB;

-- CreateEnum
CREATE TYPE "scorer_kind" AS ENUM ('VERIFIER');

-- AlterTable
ALTER TABLE "prompt_sets" ADD COLUMN     "show_scores_to_annotators" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "verifier_checks" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "candidate_scores" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "candidate_id" UUID NOT NULL,
    "prompt_set_id" UUID NOT NULL,
    "scorer_kind" "scorer_kind" NOT NULL,
    "scorer_name" TEXT NOT NULL,
    "scorer_version" TEXT NOT NULL,
    "passed" BOOLEAN,
    "score" DOUBLE PRECISION,
    "extracted_answer" TEXT,
    "reason" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "candidate_scores_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "candidate_scores_candidate_id_created_at_idx" ON "candidate_scores"("candidate_id", "created_at");

-- CreateIndex
CREATE INDEX "candidate_scores_prompt_set_id_scorer_kind_scorer_name_idx" ON "candidate_scores"("prompt_set_id", "scorer_kind", "scorer_name");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_scores_candidate_id_scorer_kind_scorer_name_score_key" ON "candidate_scores"("candidate_id", "scorer_kind", "scorer_name", "scorer_version");

-- AddForeignKey
ALTER TABLE "candidate_scores" ADD CONSTRAINT "candidate_scores_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_scores" ADD CONSTRAINT "candidate_scores_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A score names its scorer.
ALTER TABLE "candidate_scores" ADD CONSTRAINT "candidate_scores_scorer_named" CHECK ("scorer_name" <> '' AND "scorer_version" <> '');

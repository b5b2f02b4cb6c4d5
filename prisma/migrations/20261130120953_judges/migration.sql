-- Judges beyond people (issue 10): model judges (endpoint + versioned template), judge tasks in the
-- generation queue, their raw replies, MODEL_JUDGE judgments and JUDGE scores, judge suggestions.
-- Every existing judgment is kept as it is. Comments here carry no semicolon: with ALTER TYPE ... ADD
-- VALUE the statements are split on semicolons and run one by one.
-- CreateEnum
CREATE TYPE "judge_kind" AS ENUM ('PAIRWISE', 'SINGLE', 'REFERENCE');

-- CreateEnum
CREATE TYPE "task_kind" AS ENUM ('GENERATE', 'JUDGE');

-- CreateEnum
CREATE TYPE "judge_suggestions" AS ENUM ('HIDDEN', 'AFTER_SUBMIT', 'BEFORE');

-- AlterEnum
ALTER TYPE "judgment_source" ADD VALUE 'MODEL_JUDGE';

-- AlterEnum
ALTER TYPE "scorer_kind" ADD VALUE 'JUDGE';

-- AlterTable
ALTER TABLE "prompt_sets" ADD COLUMN     "judge_suggestions" "judge_suggestions" NOT NULL DEFAULT 'HIDDEN';

-- AlterTable
ALTER TABLE "generation_runs" ADD COLUMN     "judge_template_id" UUID;

-- AlterTable
ALTER TABLE "generation_tasks" ADD COLUMN     "candidate_ids" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "kind" "task_kind" NOT NULL DEFAULT 'GENERATE';

-- AlterTable
ALTER TABLE "judgments" ADD COLUMN     "endpoint_id" UUID,
ADD COLUMN     "judge_model" TEXT,
ADD COLUMN     "judge_run_id" UUID,
ADD COLUMN     "judge_suggestions" "judge_suggestions",
ADD COLUMN     "judge_template_id" UUID,
ADD COLUMN     "order_consistent" BOOLEAN;

-- CreateTable
CREATE TABLE "judges" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "kind" "judge_kind" NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "created_by_id" UUID,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "judges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "judge_templates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "judge_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "system" TEXT NOT NULL DEFAULT '',
    "user" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "judge_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "judge_outputs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "task_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "prompt_id" UUID NOT NULL,
    "candidate_ids" UUID[],
    "raw" TEXT NOT NULL,
    "verdict" TEXT,
    "rating" INTEGER,
    "parse_error" TEXT,
    "model" TEXT NOT NULL,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "judge_outputs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "judges_name_key" ON "judges"("name");

-- CreateIndex
CREATE INDEX "judges_endpoint_id_idx" ON "judges"("endpoint_id");

-- CreateIndex
CREATE INDEX "judges_created_by_id_idx" ON "judges"("created_by_id");

-- CreateIndex
CREATE INDEX "judge_templates_created_by_id_idx" ON "judge_templates"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "judge_templates_judge_id_version_key" ON "judge_templates"("judge_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "judge_outputs_task_id_key" ON "judge_outputs"("task_id");

-- CreateIndex
CREATE INDEX "judge_outputs_run_id_prompt_id_idx" ON "judge_outputs"("run_id", "prompt_id");

-- CreateIndex
CREATE INDEX "generation_runs_judge_template_id_idx" ON "generation_runs"("judge_template_id");

-- CreateIndex
CREATE INDEX "judgments_judge_run_id_idx" ON "judgments"("judge_run_id");

-- CreateIndex
CREATE INDEX "judgments_judge_template_id_idx" ON "judgments"("judge_template_id");

-- CreateIndex
CREATE INDEX "judgments_endpoint_id_idx" ON "judgments"("endpoint_id");

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_judge_template_id_fkey" FOREIGN KEY ("judge_template_id") REFERENCES "judge_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_judge_run_id_fkey" FOREIGN KEY ("judge_run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_judge_template_id_fkey" FOREIGN KEY ("judge_template_id") REFERENCES "judge_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judges" ADD CONSTRAINT "judges_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judges" ADD CONSTRAINT "judges_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judge_templates" ADD CONSTRAINT "judge_templates_judge_id_fkey" FOREIGN KEY ("judge_id") REFERENCES "judges"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judge_templates" ADD CONSTRAINT "judge_templates_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judge_outputs" ADD CONSTRAINT "judge_outputs_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "generation_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judge_outputs" ADD CONSTRAINT "judge_outputs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A model judge's verdict has no annotator, like an imported label.
ALTER TABLE "judgments" DROP CONSTRAINT "judgments_annotator_unless_imported";
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_annotator_unless_imported" CHECK ("source"::text IN ('IMPORTED', 'MODEL_JUDGE') OR "annotator_id" IS NOT NULL);

-- A MODEL_JUDGE judgment always names its run, template version and whether the judge was order-consistent, and no other judgment does.
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_model_judge_named" CHECK (("source"::text = 'MODEL_JUDGE') = ("judge_run_id" IS NOT NULL AND "judge_template_id" IS NOT NULL AND "order_consistent" IS NOT NULL));

-- A parsed pairwise verdict is one of the three tokens, a rating 1 to 10, and an unparsed reply says why.
ALTER TABLE "judge_outputs" ADD CONSTRAINT "judge_outputs_verdict_token" CHECK ("verdict" IS NULL OR "verdict" IN ('A', 'B', 'C'));
ALTER TABLE "judge_outputs" ADD CONSTRAINT "judge_outputs_rating_range" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 10);
ALTER TABLE "judge_outputs" ADD CONSTRAINT "judge_outputs_parsed_or_why" CHECK (("verdict" IS NOT NULL OR "rating" IS NOT NULL) <> ("parse_error" IS NOT NULL));
ALTER TABLE "judge_templates" ADD CONSTRAINT "judge_templates_version_positive" CHECK ("version" >= 1);

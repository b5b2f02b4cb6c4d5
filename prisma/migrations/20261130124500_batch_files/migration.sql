-- AlterTable
ALTER TABLE "candidates" ADD COLUMN     "batch_custom_id" TEXT;

-- CreateTable
CREATE TABLE "batch_request_files" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tag" TEXT NOT NULL,
    "prompt_set_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "scope" TEXT NOT NULL,
    "samples" INTEGER NOT NULL,
    "line_count" INTEGER NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "batch_request_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "batch_request_files_tag_key" ON "batch_request_files"("tag");

-- CreateIndex
CREATE INDEX "batch_request_files_prompt_set_id_created_at_idx" ON "batch_request_files"("prompt_set_id", "created_at");

-- CreateIndex
CREATE INDEX "batch_request_files_created_by_id_idx" ON "batch_request_files"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "candidates_batch_custom_id_key" ON "candidates"("batch_custom_id");

-- AddForeignKey
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Kept by hand (Prisma cannot express CHECKs). A custom_id starts with its file's tag (lib/batch/batch-file.ts)
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_tag_format" CHECK ("tag" ~ '^[0-9a-f]{12}$');
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_scope" CHECK ("scope" IN ('all', 'missing'));
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_counts" CHECK ("samples" BETWEEN 1 AND 64 AND "line_count" >= 0);
-- Only a model's answer comes from a Batch results line
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_batch_custom_id_generated" CHECK ("batch_custom_id" IS NULL OR "source" = 'GENERATED');

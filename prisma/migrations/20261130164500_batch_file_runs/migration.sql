-- A Batch request file may hold a generation run's unfinished tasks (issue 14): its results become that
-- run's candidates and finish its tasks.
-- AlterTable
ALTER TABLE "batch_request_files" ADD COLUMN     "endpoint_id" UUID,
ADD COLUMN     "run_id" UUID;

-- CreateIndex
CREATE INDEX "batch_request_files_run_id_idx" ON "batch_request_files"("run_id");

-- CreateIndex
CREATE INDEX "batch_request_files_endpoint_id_idx" ON "batch_request_files"("endpoint_id");

-- AddForeignKey
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Kept by hand: a run's file has the scope "run" and names its run and endpoint when written.
ALTER TABLE "batch_request_files" DROP CONSTRAINT "batch_request_files_scope";
ALTER TABLE "batch_request_files" ADD CONSTRAINT "batch_request_files_scope" CHECK ("scope" IN ('all', 'missing', 'run'));

-- Export files are stored as 1 MiB chunks rather than one bytea per file: writing and serving a
-- file then needs one chunk in memory, not the whole file (and no file meets bytea's 1 GB cap).
ALTER TABLE "export_files" DROP COLUMN "content";

CREATE TABLE "export_file_chunks" (
    "export_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "export_file_chunks_pkey" PRIMARY KEY ("export_id","path","seq")
);

ALTER TABLE "export_file_chunks" ADD CONSTRAINT "export_file_chunks_export_id_path_fkey" FOREIGN KEY ("export_id", "path") REFERENCES "export_files"("export_id", "path") ON DELETE CASCADE ON UPDATE CASCADE;

-- Exports page through prompts by keyset on (content_hash, id): equal contents are adjacent, so
-- duplicate records across prompt sets are found with memory for one group only.
CREATE INDEX "prompts_content_hash_id_idx" ON "prompts"("content_hash", "id");

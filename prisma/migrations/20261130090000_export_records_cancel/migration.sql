-- Exports: the record-writing settings (system-message policy, reference column) beside policy /
-- filters / split, and cancellation. ADD VALUE may run inside the migration's transaction since
-- Postgres 12; the new value is only used by later transactions.
ALTER TYPE "export_status" ADD VALUE 'CANCELLED';

ALTER TABLE "exports" ADD COLUMN "records" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "cancel_requested_at" TIMESTAMPTZ(3);

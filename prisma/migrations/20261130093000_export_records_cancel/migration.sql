-- Exports: the record-writing settings (system-message policy, reference column) beside policy,
-- filters and split, and cancellation. Comments here carry no semicolon: with ALTER TYPE ... ADD VALUE
-- the statements are split on semicolons and run one by one.
ALTER TYPE "export_status" ADD VALUE 'CANCELLED';

ALTER TABLE "exports" ADD COLUMN "records" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "cancel_requested_at" TIMESTAMPTZ(3);

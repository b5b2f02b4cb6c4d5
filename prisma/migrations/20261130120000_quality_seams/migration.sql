-- Seams for gold items and adaptive overlap (issues 11 and 12). Gold prompts carry their expected verdict,
-- a set says how often gold is served and when an annotator is flagged or paused, and a set may open more
-- slots on prompts whose judgments split.
ALTER TABLE "prompts" ADD COLUMN "gold" JSONB;

ALTER TABLE "prompt_sets"
  ADD COLUMN "overlap_max" INTEGER,
  ADD COLUMN "adaptive_min_agreement" DOUBLE PRECISION,
  ADD COLUMN "gold_rate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  ADD COLUMN "gold_min_items" INTEGER NOT NULL DEFAULT 5,
  ADD COLUMN "gold_min_accuracy" DOUBLE PRECISION NOT NULL DEFAULT 0.7,
  ADD COLUMN "gold_pause" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_overlap_max_at_least_overlap" CHECK ("overlap_max" IS NULL OR "overlap_max" >= "overlap");
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_adaptive_both_or_neither" CHECK (("overlap_max" IS NULL) = ("adaptive_min_agreement" IS NULL));
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_adaptive_min_agreement_share" CHECK ("adaptive_min_agreement" IS NULL OR ("adaptive_min_agreement" > 0 AND "adaptive_min_agreement" <= 1));
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_gold_rate_share" CHECK ("gold_rate" >= 0 AND "gold_rate" <= 1);
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_gold_min_items_positive" CHECK ("gold_min_items" >= 1);
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_gold_min_accuracy_share" CHECK ("gold_min_accuracy" >= 0 AND "gold_min_accuracy" <= 1);

ALTER TABLE "prompt_set_members"
  ADD COLUMN "paused_at" TIMESTAMPTZ(3),
  ADD COLUMN "paused_why" TEXT;

-- Gold prompts of a set, for the claim's gold draw and the quality page.
CREATE INDEX "prompts_gold" ON "prompts" ("prompt_set_id", "id") WHERE "gold" IS NOT NULL;

-- Leaderboard names (issue 11): a model is an endpoint's model name plus a label the admin sets
-- ("Qwen2.5-0.5B-Instruct + DPO v3"), kept per (endpoint, model) so successive training rounds line up.
CREATE TABLE "model_labels" (
    "endpoint_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_labels_pkey" PRIMARY KEY ("endpoint_id", "model"),
    CONSTRAINT "model_labels_label_not_blank" CHECK (length(btrim("label")) BETWEEN 1 AND 200)
);

ALTER TABLE "model_labels" ADD CONSTRAINT "model_labels_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

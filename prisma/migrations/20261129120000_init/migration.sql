-- CreateEnum
CREATE TYPE "role" AS ENUM ('ADMIN', 'ANNOTATOR', 'ENGINEER');

-- CreateEnum
CREATE TYPE "judging_mode" AS ENUM ('PAIRWISE', 'RANKING');

-- CreateEnum
CREATE TYPE "rationale_mode" AS ENUM ('OFF', 'OPTIONAL', 'REQUIRED');

-- CreateEnum
CREATE TYPE "candidate_source" AS ENUM ('GENERATED', 'IMPORTED', 'RULE_DERIVED', 'HUMAN_REWRITE', 'SAMPLE');

-- CreateEnum
CREATE TYPE "run_status" AS ENUM ('QUEUED', 'RUNNING', 'CANCELLED', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "task_status" AS ENUM ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "assignment_status" AS ENUM ('ACTIVE', 'SUBMITTED', 'SKIPPED', 'EXPIRED', 'RELEASED');

-- CreateEnum
CREATE TYPE "judgment_outcome" AS ENUM ('PREFERENCE', 'TIE', 'ALL_BAD');

-- CreateEnum
CREATE TYPE "judgment_flag" AS ENUM ('UNSAFE', 'FACTUALLY_WRONG', 'REFUSAL', 'OFF_TOPIC');

-- CreateEnum
CREATE TYPE "export_status" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "disabled_at" TIMESTAMPTZ(3),
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_failures" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_failures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prompt_sets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "guidelines" TEXT NOT NULL DEFAULT '',
    "default_system_message" TEXT,
    "judging_mode" "judging_mode" NOT NULL DEFAULT 'PAIRWISE',
    "candidates_per_prompt" INTEGER NOT NULL DEFAULT 2,
    "overlap" INTEGER NOT NULL DEFAULT 1,
    "lease_minutes" INTEGER NOT NULL DEFAULT 30,
    "rationale_mode" "rationale_mode" NOT NULL DEFAULT 'OPTIONAL',
    "flags_enabled" BOOLEAN NOT NULL DEFAULT true,
    "edits_enabled" BOOLEAN NOT NULL DEFAULT true,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "archived_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "prompt_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prompt_set_members" (
    "prompt_set_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prompt_set_members_pkey" PRIMARY KEY ("prompt_set_id","user_id")
);

-- CreateTable
CREATE TABLE "prompts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "prompt_set_id" UUID NOT NULL,
    "external_id" TEXT,
    "messages" JSONB NOT NULL,
    "reference_answer" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "content_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prompts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "api_key_ciphertext" TEXT,
    "api_key_last4" TEXT,
    "defaults" JSONB NOT NULL DEFAULT '{}',
    "max_concurrency" INTEGER NOT NULL DEFAULT 4,
    "timeout_ms" INTEGER NOT NULL DEFAULT 120000,
    "archived_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "prompt_set_id" UUID NOT NULL,
    "status" "run_status" NOT NULL DEFAULT 'QUEUED',
    "params" JSONB NOT NULL DEFAULT '{}',
    "candidates_per_model" INTEGER NOT NULL,
    "spread_across_models" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "generation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "generation_run_endpoints" (
    "run_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,

    CONSTRAINT "generation_run_endpoints_pkey" PRIMARY KEY ("run_id","endpoint_id")
);

-- CreateTable
CREATE TABLE "generation_tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "run_id" UUID NOT NULL,
    "prompt_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "sample_index" INTEGER NOT NULL,
    "status" "task_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "generation_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "prompt_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "source" "candidate_source" NOT NULL,
    "parent_id" UUID,
    "rewrite_rule_id" UUID,
    "generation_task_id" UUID,
    "endpoint_id" UUID,
    "model" TEXT,
    "params" JSONB,
    "seed" INTEGER,
    "latency_ms" INTEGER,
    "prompt_tokens" INTEGER,
    "completion_tokens" INTEGER,
    "finish_reason" TEXT,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "candidates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rewrite_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "prompt_set_id" UUID NOT NULL,
    "pattern" TEXT NOT NULL,
    "replacement" TEXT NOT NULL,
    "is_regex" BOOLEAN NOT NULL DEFAULT false,
    "whole_word" BOOLEAN NOT NULL DEFAULT true,
    "case_sensitive" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rewrite_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "prompt_id" UUID NOT NULL,
    "prompt_set_id" UUID NOT NULL,
    "annotator_id" UUID NOT NULL,
    "status" "assignment_status" NOT NULL DEFAULT 'ACTIVE',
    "leased_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "skip_reason" TEXT,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "judgments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "prompt_id" UUID NOT NULL,
    "prompt_set_id" UUID NOT NULL,
    "annotator_id" UUID NOT NULL,
    "assignment_id" UUID,
    "idempotency_key" TEXT NOT NULL,
    "mode" "judging_mode" NOT NULL,
    "outcome" "judgment_outcome" NOT NULL,
    "rationale" TEXT,
    "flags" "judgment_flag"[] DEFAULT ARRAY[]::"judgment_flag"[],
    "time_spent_ms" INTEGER NOT NULL DEFAULT 0,
    "rewrite_candidate_id" UUID,
    "is_adjudication" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "judgments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "judgment_candidates" (
    "judgment_id" UUID NOT NULL,
    "candidate_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "rank" INTEGER,

    CONSTRAINT "judgment_candidates_pkey" PRIMARY KEY ("judgment_id","candidate_id")
);

-- CreateTable
CREATE TABLE "exports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" "export_status" NOT NULL DEFAULT 'QUEUED',
    "policy" JSONB NOT NULL DEFAULT '{}',
    "filters" JSONB NOT NULL DEFAULT '{}',
    "split" JSONB NOT NULL DEFAULT '{}',
    "manifest" JSONB,
    "snapshot_at" TIMESTAMPTZ(3),
    "progress" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "error" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "export_files" (
    "export_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "rows" INTEGER,
    "content" BYTEA NOT NULL,

    CONSTRAINT "export_files_pkey" PRIMARY KEY ("export_id","path")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_role_idx" ON "users"("role");

-- CreateIndex
CREATE INDEX "auth_failures_email_created_at_idx" ON "auth_failures"("email", "created_at");

-- CreateIndex
CREATE INDEX "auth_failures_ip_created_at_idx" ON "auth_failures"("ip", "created_at");

-- CreateIndex
CREATE INDEX "auth_failures_created_at_idx" ON "auth_failures"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "prompt_sets_name_key" ON "prompt_sets"("name");

-- CreateIndex
CREATE INDEX "prompt_sets_created_by_id_idx" ON "prompt_sets"("created_by_id");

-- CreateIndex
CREATE INDEX "prompt_sets_archived_at_idx" ON "prompt_sets"("archived_at");

-- CreateIndex
CREATE INDEX "prompt_set_members_user_id_idx" ON "prompt_set_members"("user_id");

-- CreateIndex
CREATE INDEX "prompts_prompt_set_id_id_idx" ON "prompts"("prompt_set_id", "id");

-- CreateIndex
CREATE INDEX "prompts_prompt_set_id_external_id_idx" ON "prompts"("prompt_set_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "prompts_prompt_set_id_content_hash_key" ON "prompts"("prompt_set_id", "content_hash");

-- CreateIndex
CREATE UNIQUE INDEX "endpoints_name_key" ON "endpoints"("name");

-- CreateIndex
CREATE INDEX "endpoints_created_by_id_idx" ON "endpoints"("created_by_id");

-- CreateIndex
CREATE INDEX "generation_runs_prompt_set_id_created_at_idx" ON "generation_runs"("prompt_set_id", "created_at");

-- CreateIndex
CREATE INDEX "generation_runs_created_by_id_idx" ON "generation_runs"("created_by_id");

-- CreateIndex
CREATE INDEX "generation_runs_status_idx" ON "generation_runs"("status");

-- CreateIndex
CREATE INDEX "generation_run_endpoints_endpoint_id_idx" ON "generation_run_endpoints"("endpoint_id");

-- CreateIndex
CREATE INDEX "generation_tasks_run_id_status_idx" ON "generation_tasks"("run_id", "status");

-- CreateIndex
CREATE INDEX "generation_tasks_prompt_id_idx" ON "generation_tasks"("prompt_id");

-- CreateIndex
CREATE INDEX "generation_tasks_endpoint_id_status_idx" ON "generation_tasks"("endpoint_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "generation_tasks_run_id_prompt_id_endpoint_id_sample_index_key" ON "generation_tasks"("run_id", "prompt_id", "endpoint_id", "sample_index");

-- CreateIndex
CREATE UNIQUE INDEX "candidates_generation_task_id_key" ON "candidates"("generation_task_id");

-- CreateIndex
CREATE INDEX "candidates_prompt_id_created_at_idx" ON "candidates"("prompt_id", "created_at");

-- CreateIndex
CREATE INDEX "candidates_parent_id_idx" ON "candidates"("parent_id");

-- CreateIndex
CREATE INDEX "candidates_rewrite_rule_id_idx" ON "candidates"("rewrite_rule_id");

-- CreateIndex
CREATE INDEX "candidates_endpoint_id_idx" ON "candidates"("endpoint_id");

-- CreateIndex
CREATE INDEX "candidates_author_id_idx" ON "candidates"("author_id");

-- CreateIndex
CREATE INDEX "rewrite_rules_prompt_set_id_position_idx" ON "rewrite_rules"("prompt_set_id", "position");

-- CreateIndex
CREATE INDEX "assignments_prompt_id_status_idx" ON "assignments"("prompt_id", "status");

-- CreateIndex
CREATE INDEX "assignments_prompt_set_id_status_expires_at_idx" ON "assignments"("prompt_set_id", "status", "expires_at");

-- CreateIndex
CREATE INDEX "assignments_annotator_id_status_idx" ON "assignments"("annotator_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "judgments_assignment_id_key" ON "judgments"("assignment_id");

-- CreateIndex
CREATE UNIQUE INDEX "judgments_idempotency_key_key" ON "judgments"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "judgments_rewrite_candidate_id_key" ON "judgments"("rewrite_candidate_id");

-- CreateIndex
CREATE INDEX "judgments_prompt_set_id_created_at_idx" ON "judgments"("prompt_set_id", "created_at");

-- CreateIndex
CREATE INDEX "judgments_prompt_set_id_id_idx" ON "judgments"("prompt_set_id", "id");

-- CreateIndex
CREATE INDEX "judgments_annotator_id_created_at_idx" ON "judgments"("annotator_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "judgments_prompt_id_annotator_id_key" ON "judgments"("prompt_id", "annotator_id");

-- CreateIndex
CREATE INDEX "judgment_candidates_candidate_id_idx" ON "judgment_candidates"("candidate_id");

-- CreateIndex
CREATE UNIQUE INDEX "judgment_candidates_judgment_id_position_key" ON "judgment_candidates"("judgment_id", "position");

-- CreateIndex
CREATE INDEX "exports_created_by_id_created_at_idx" ON "exports"("created_by_id", "created_at");

-- CreateIndex
CREATE INDEX "exports_status_idx" ON "exports"("status");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_created_at_idx" ON "audit_log"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- AddForeignKey
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prompt_set_members" ADD CONSTRAINT "prompt_set_members_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prompt_set_members" ADD CONSTRAINT "prompt_set_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prompts" ADD CONSTRAINT "prompts_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_runs" ADD CONSTRAINT "generation_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_run_endpoints" ADD CONSTRAINT "generation_run_endpoints_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_run_endpoints" ADD CONSTRAINT "generation_run_endpoints_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_tasks" ADD CONSTRAINT "generation_tasks_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "generation_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_tasks" ADD CONSTRAINT "generation_tasks_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "prompts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "generation_tasks" ADD CONSTRAINT "generation_tasks_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "prompts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "candidates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_rewrite_rule_id_fkey" FOREIGN KEY ("rewrite_rule_id") REFERENCES "rewrite_rules"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_generation_task_id_fkey" FOREIGN KEY ("generation_task_id") REFERENCES "generation_tasks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rewrite_rules" ADD CONSTRAINT "rewrite_rules_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "prompts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_annotator_id_fkey" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_prompt_id_fkey" FOREIGN KEY ("prompt_id") REFERENCES "prompts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_prompt_set_id_fkey" FOREIGN KEY ("prompt_set_id") REFERENCES "prompt_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_annotator_id_fkey" FOREIGN KEY ("annotator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_assignment_id_fkey" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgments" ADD CONSTRAINT "judgments_rewrite_candidate_id_fkey" FOREIGN KEY ("rewrite_candidate_id") REFERENCES "candidates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgment_candidates" ADD CONSTRAINT "judgment_candidates_judgment_id_fkey" FOREIGN KEY ("judgment_id") REFERENCES "judgments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "judgment_candidates" ADD CONSTRAINT "judgment_candidates_candidate_id_fkey" FOREIGN KEY ("candidate_id") REFERENCES "candidates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "export_files" ADD CONSTRAINT "export_files_export_id_fkey" FOREIGN KEY ("export_id") REFERENCES "exports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Rules the Prisma schema cannot express (see the end of schema.prisma).
-- At most one active lease per (prompt, annotator).
CREATE UNIQUE INDEX "assignments_one_active_lease" ON "assignments"("prompt_id", "annotator_id") WHERE "status" = 'ACTIVE';

ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_case" CHECK ("email" = lower("email"));
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_overlap_positive" CHECK ("overlap" >= 1);
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_candidates_per_prompt_min_two" CHECK ("candidates_per_prompt" >= 2);
ALTER TABLE "prompt_sets" ADD CONSTRAINT "prompt_sets_lease_minutes_positive" CHECK ("lease_minutes" >= 1);
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_max_concurrency_positive" CHECK ("max_concurrency" >= 1);
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_timeout_positive" CHECK ("timeout_ms" > 0);
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_derived_have_parent" CHECK ("source" NOT IN ('RULE_DERIVED', 'HUMAN_REWRITE') OR "parent_id" IS NOT NULL);
ALTER TABLE "judgment_candidates" ADD CONSTRAINT "judgment_candidates_rank_positive" CHECK ("rank" IS NULL OR "rank" >= 1);
ALTER TABLE "judgment_candidates" ADD CONSTRAINT "judgment_candidates_position_non_negative" CHECK ("position" >= 0);

-- Why a member is paused, as a reason key and its parameters, so that the workspace can say it in the
-- annotator's language (paused_why keeps the English sentence for admins, the API and the audit log).
ALTER TABLE "prompt_set_members" ADD COLUMN "paused_reason" JSONB;

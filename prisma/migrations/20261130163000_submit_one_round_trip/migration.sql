-- A judgment in one round trip (issue 12, "the cost of a judgment"). arbiter_submit stores the common
-- submission (an ACTIVE lease of the annotator's, a prompt outside gold, a set without adaptive overlap or
-- judge suggestions shown after submit, no rewrite) in one statement: the judgment, its candidates' positions
-- and ranks, the lease closed, the audit row. It runs as one implicit transaction, so all of it commits or
-- none. It writes nothing and answers 'fallback' for anything else (a lease that is not ACTIVE, a replay of
-- an idempotency key, a membership or setting the submission does not fit), and the service then runs its
-- full interactive transaction, which holds every rule and says what is wrong
-- (server/services/annotation/submit-judgment.ts). The checks here are the same rules, so whatever it
-- stores the full path would have stored the same way.
--
-- open_slots: an ACTIVE lease's slot becomes the judgment's, so the prompt row is not touched (as in the
-- full path). The lease row is locked first (FOR UPDATE), so copies of one submission queue behind the first
-- and then fall back, where the full path finds the first one's judgment by its key.
CREATE FUNCTION "arbiter_submit"(
  p_assignment uuid, p_annotator uuid, p_idempotency_key text, p_mode judging_mode, p_outcome judgment_outcome,
  p_rationale text, p_flags judgment_flag[], p_time_spent_ms integer,
  p_shown uuid[], p_candidates uuid[], p_positions integer[], p_ranks integer[]
) RETURNS TABLE ("status" text, "judgment_id" uuid, "prompt_id" uuid)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  lease record;
  settings record;
  stored uuid;
BEGIN
  SELECT a."id", a."prompt_id", a."prompt_set_id", a."status", p."gold" IS NOT NULL AS is_gold INTO lease
  FROM "assignments" a JOIN "prompts" p ON p."id" = a."prompt_id"
  WHERE a."id" = p_assignment AND a."annotator_id" = p_annotator
  FOR UPDATE OF a;
  IF NOT FOUND OR lease."status" <> 'ACTIVE' OR lease.is_gold THEN
    RETURN QUERY SELECT 'fallback'::text, NULL::uuid, NULL::uuid; RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM "judgments" j WHERE j."idempotency_key" = p_idempotency_key) THEN
    RETURN QUERY SELECT 'fallback'::text, NULL::uuid, NULL::uuid; RETURN;
  END IF;

  SELECT s."judging_mode", s."rationale_mode", s."flags_enabled", s."overlap_max", s."adaptive_min_agreement", s."judge_suggestions" INTO settings
  FROM "prompt_sets" s
  WHERE s."id" = lease."prompt_set_id"
    AND EXISTS (SELECT 1 FROM "prompt_set_members" m WHERE m."prompt_set_id" = s."id" AND m."user_id" = p_annotator);
  IF NOT FOUND
    OR settings."judging_mode" <> p_mode
    OR (settings."rationale_mode" = 'REQUIRED' AND p_rationale IS NULL)
    OR (settings."rationale_mode" = 'OFF' AND p_rationale IS NOT NULL)
    OR (NOT settings."flags_enabled" AND cardinality(p_flags) > 0)
    OR (settings."overlap_max" IS NOT NULL AND settings."adaptive_min_agreement" IS NOT NULL)
    OR settings."judge_suggestions" = 'AFTER_SUBMIT'
    -- Every shown candidate is one of the prompt's own (a rewrite is never shown).
    OR (SELECT count(*) FROM "candidates" c
        WHERE c."id" = ANY (p_shown) AND c."prompt_id" = lease."prompt_id" AND c."source" <> 'HUMAN_REWRITE') <> cardinality(p_shown)
  THEN
    RETURN QUERY SELECT 'fallback'::text, NULL::uuid, NULL::uuid; RETURN;
  END IF;

  INSERT INTO "judgments" ("prompt_id", "prompt_set_id", "annotator_id", "source", "assignment_id", "idempotency_key", "mode",
                           "outcome", "rationale", "flags", "time_spent_ms", "judge_suggestions", "updated_at")
  VALUES (lease."prompt_id", lease."prompt_set_id", p_annotator, 'HUMAN', lease."id", p_idempotency_key, p_mode,
          p_outcome, p_rationale, p_flags, p_time_spent_ms, settings."judge_suggestions", now())
  RETURNING "judgments"."id" INTO stored;
  INSERT INTO "judgment_candidates" ("judgment_id", "candidate_id", "position", "rank")
  SELECT stored, c, pos, r FROM unnest(p_candidates, p_positions, p_ranks) AS t(c, pos, r);
  UPDATE "assignments" SET "status" = 'SUBMITTED', "closed_at" = now() WHERE "assignments"."id" = lease."id";
  INSERT INTO "audit_log" ("actor_id", "action", "entity_type", "entity_id", "data")
  VALUES (p_annotator, 'judgment.submit', 'judgment', stored::text,
          jsonb_build_object('promptId', lease."prompt_id", 'assignmentId', lease."id", 'outcome', p_outcome, 'late', false));
  RETURN QUERY SELECT 'stored'::text, stored, lease."prompt_id";
END
$fn$;

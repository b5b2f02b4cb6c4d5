-- The whole claim in one round trip (issue 12): the membership check and the set's settings, the lease
-- (arbiter_claim, unchanged) and what the item shows, where the claim took 4-5 statements besides the
-- session check. Each statement of this function takes its own snapshot (READ COMMITTED, VOLATILE), so the
-- item is read after the lease exists, as the separate statements read it before.
--
-- Arguments: the set, the annotator, a uniform draw in [0, 1) against the set's gold_rate (the caller's
-- random number: a gold prompt when draw < gold_rate), the leases the browser already holds and the most
-- leases one annotator may hold.
-- Returns no row when the set does not exist, is archived or the annotator is not a member of it (the
-- caller's "not found"). Else one row: the set's settings and the member's pause; when the member is not
-- paused and a lease was taken or held, the lease and the item's data:
--   messages    the prompt's messages (prompts.messages)
--   candidates  every candidate in (created_at, id) order: {id, content, source, parentId}, plus
--               scores [{scorerName, passed, reason, extractedAnswer}] (VERIFIER scores, by scorer_name,
--               newest first) when the set shows scores to annotators
--   history     PAIRWISE only: [judgment_id, candidate_id] of every judgment on the prompt made before the
--               lease began by people (not MODEL_JUDGE): what the pair choice balances
CREATE FUNCTION "arbiter_claim_item"(
  p_set uuid, p_annotator uuid, p_gold_draw double precision, p_exclude uuid[], p_max_leases integer
) RETURNS TABLE (
  "name" text, "guidelines" text, "judging_mode" text, "rationale_mode" text, "flags_enabled" boolean,
  "edits_enabled" boolean, "is_demo" boolean, "default_system_message" text, "show_scores" boolean,
  "judge_suggestions" text, "paused_at" timestamptz, "paused_why" text, "paused_reason" jsonb,
  "assignment_id" uuid, "prompt_id" uuid, "expires_at" timestamptz,
  "messages" jsonb, "candidates" jsonb, "history" jsonb
)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  s record;
  l_id uuid;
  l_prompt uuid;
  l_leased timestamptz;
  l_expires timestamptz;
BEGIN
  SELECT ps."name", ps."guidelines", ps."judging_mode"::text AS judging_mode, ps."rationale_mode"::text AS rationale_mode,
         ps."flags_enabled", ps."edits_enabled", ps."is_demo", ps."default_system_message",
         ps."show_scores_to_annotators", ps."judge_suggestions"::text AS judge_suggestions,
         ps."overlap", ps."lease_minutes", ps."gold_rate",
         m."paused_at", m."paused_why", m."paused_reason"
    INTO s
    FROM "prompt_sets" ps JOIN "prompt_set_members" m ON m."prompt_set_id" = ps."id" AND m."user_id" = p_annotator
    WHERE ps."id" = p_set AND ps."archived_at" IS NULL;
  IF NOT FOUND THEN RETURN; END IF;

  IF s."paused_at" IS NULL THEN
    SELECT c."id", c."prompt_id", c."leased_at", c."expires_at" INTO l_id, l_prompt, l_leased, l_expires
      FROM "arbiter_claim"(p_set, p_annotator, s."overlap", s."lease_minutes", s."gold_rate" > 0 AND p_gold_draw < s."gold_rate", p_exclude, p_max_leases) c;
  END IF;

  RETURN QUERY SELECT
    s."name", s."guidelines", s.judging_mode, s.rationale_mode, s."flags_enabled", s."edits_enabled", s."is_demo",
    s."default_system_message", s."show_scores_to_annotators", s.judge_suggestions, s."paused_at", s."paused_why", s."paused_reason"::jsonb,
    l_id, l_prompt, l_expires,
    (SELECT p."messages" FROM "prompts" p WHERE p."id" = l_prompt),
    (SELECT coalesce(jsonb_agg(
        jsonb_build_object('id', c."id", 'content', c."content", 'source', c."source"::text, 'parentId', c."parent_id")
        || CASE WHEN s."show_scores_to_annotators" THEN jsonb_build_object('scores', (
             SELECT coalesce(jsonb_agg(jsonb_build_object('scorerName', cs."scorer_name", 'passed', cs."passed", 'reason', cs."reason", 'extractedAnswer', cs."extracted_answer")
                                       ORDER BY cs."scorer_name", cs."created_at" DESC), '[]'::jsonb)
             FROM "candidate_scores" cs WHERE cs."candidate_id" = c."id" AND cs."scorer_kind" = 'VERIFIER'))
           ELSE '{}'::jsonb END
        ORDER BY c."created_at", c."id"), '[]'::jsonb)
      FROM "candidates" c WHERE c."prompt_id" = l_prompt),
    CASE WHEN s.judging_mode = 'PAIRWISE' AND l_prompt IS NOT NULL THEN (
      SELECT coalesce(jsonb_agg(jsonb_build_array(jc."judgment_id", jc."candidate_id")), '[]'::jsonb)
      FROM "judgments" j JOIN "judgment_candidates" jc ON jc."judgment_id" = j."id"
      WHERE j."prompt_id" = l_prompt AND j."source" <> 'MODEL_JUDGE' AND j."created_at" < l_leased)
    END;
END
$fn$;

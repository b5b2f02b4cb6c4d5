-- The claim's walk with plans Postgres keeps (issue 12, Postgres's CPU per judgment). arbiter_claim
-- (20261130133000_claim_open_slots) opened its walk over the open index with EXECUTE format(...), to add
-- SKIP LOCKED on the first pass only: dynamic SQL is parsed and planned again at every claim. Here the two
-- passes are two static cursors, whose plans PL/pgSQL prepares once per connection and reuses. Same
-- signature, same statements, same order, same locks: only how the walk's query is prepared changes (and
-- the lapsed-lease UPDATEs run only when an index probe finds a lapsed lease), so an older app instance
-- calling arbiter_claim_item keeps working during a rolling deploy.
CREATE OR REPLACE FUNCTION "arbiter_claim"(
  p_set uuid, p_annotator uuid, p_overlap integer, p_lease_minutes integer, p_gold boolean,
  p_exclude uuid[], p_max_leases integer
) RETURNS TABLE ("id" uuid, "prompt_id" uuid, "leased_at" timestamptz, "expires_at" timestamptz)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  held_count integer := 0;
  held record;
  picked uuid;
  walked uuid;
  pass integer;
  -- The first open prompts (in the open index) the annotator may judge, locked one at a time as fetched
  -- (a cursor fetches one row at a time, where a FOR loop would fetch ten): without waiting for prompts
  -- other claims hold locked, then waiting for them.
  walk_skip NO SCROLL CURSOR FOR
    SELECT p."id" FROM "prompts" p
    WHERE p."prompt_set_id" = p_set AND p."gold" IS NULL AND NOT p."awaiting_candidates" AND (p."open_slots" IS NULL OR p."open_slots" > 0)
      AND NOT EXISTS (SELECT 1 FROM "judgments" j WHERE j."prompt_id" = p."id" AND j."annotator_id" = p_annotator)
      AND NOT EXISTS (SELECT 1 FROM "assignments" a WHERE a."prompt_id" = p."id" AND a."annotator_id" = p_annotator AND a."status" IN ('ACTIVE', 'SKIPPED'))
    ORDER BY p."id" FOR UPDATE OF p SKIP LOCKED;
  walk_wait NO SCROLL CURSOR FOR
    SELECT p."id" FROM "prompts" p
    WHERE p."prompt_set_id" = p_set AND p."gold" IS NULL AND NOT p."awaiting_candidates" AND (p."open_slots" IS NULL OR p."open_slots" > 0)
      AND NOT EXISTS (SELECT 1 FROM "judgments" j WHERE j."prompt_id" = p."id" AND j."annotator_id" = p_annotator)
      AND NOT EXISTS (SELECT 1 FROM "assignments" a WHERE a."prompt_id" = p."id" AND a."annotator_id" = p_annotator AND a."status" IN ('ACTIVE', 'SKIPPED'))
    ORDER BY p."id" FOR UPDATE OF p;
BEGIN
  -- 1. A lease the annotator already holds, unless the browser has it already.
  FOR held IN
    SELECT a."id", a."prompt_id", a."leased_at", a."expires_at" FROM "assignments" a
    WHERE a."prompt_set_id" = p_set AND a."annotator_id" = p_annotator AND a."status" = 'ACTIVE' AND a."expires_at" > now()
    ORDER BY a."leased_at"
  LOOP
    IF NOT (held."id" = ANY (p_exclude)) THEN
      RETURN QUERY SELECT held."id", held."prompt_id", held."leased_at", held."expires_at";
      RETURN;
    END IF;
    held_count := held_count + 1;
  END LOOP;
  IF held_count >= p_max_leases THEN RETURN; END IF;

  -- 2. Lapsed leases of the set give their slots back (prompt rows locked in id order: no deadlock
  --    between two claims doing this at once). Bounded, and empty in the common case: a plain index probe
  --    first, so that the common case does not start the two UPDATEs' executor (every index of both tables
  --    opened) for nothing. A lease that lapses just after the probe is freed by the next claim.
  IF EXISTS (SELECT 1 FROM "assignments" a WHERE a."prompt_set_id" = p_set AND a."status" = 'ACTIVE' AND a."expires_at" <= now()) THEN
    WITH lapsed AS (
      SELECT a."id", a."prompt_id" FROM "assignments" a
      WHERE a."prompt_set_id" = p_set AND a."status" = 'ACTIVE' AND a."expires_at" <= now()
      ORDER BY a."expires_at" LIMIT 100 FOR UPDATE SKIP LOCKED
    ), expired AS (
      UPDATE "assignments" a SET "status" = 'EXPIRED', "closed_at" = now() FROM lapsed WHERE a."id" = lapsed."id"
      RETURNING a."prompt_id"
    ), freed AS (
      SELECT e."prompt_id", count(*)::integer AS n FROM expired e GROUP BY e."prompt_id"
    ), locked AS (
      SELECT p."id" FROM "prompts" p WHERE p."id" IN (SELECT f."prompt_id" FROM freed f) ORDER BY p."id" FOR UPDATE
    )
    UPDATE "prompts" p SET "open_slots" = p."open_slots" + f.n FROM freed f, locked l WHERE p."id" = f."prompt_id" AND l."id" = f."prompt_id";
  END IF;

  -- 3. A gold prompt the annotator has not judged, skipped or leased (no slots: every member judges it).
  IF p_gold THEN
    SELECT p."id" INTO picked FROM "prompts" p
    WHERE p."prompt_set_id" = p_set AND p."gold" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "judgments" j WHERE j."prompt_id" = p."id" AND j."annotator_id" = p_annotator)
      AND NOT EXISTS (SELECT 1 FROM "assignments" a WHERE a."prompt_id" = p."id" AND a."annotator_id" = p_annotator AND a."status" IN ('ACTIVE', 'SKIPPED'))
      AND (SELECT count(*) FROM (SELECT 1 FROM "candidates" c WHERE c."prompt_id" = p."id" AND c."source" <> 'HUMAN_REWRITE' LIMIT 2) two) = 2
    ORDER BY p."id" LIMIT 1;
  END IF;

  -- 4. Else the first open prompt the annotator may judge. First without waiting for prompts other claims
  --    hold locked; if that finds nothing, once more waiting for them, so that the last open slot is never
  --    missed because another claim held its row for a moment.
  IF picked IS NULL THEN
    FOR pass IN 1..2 LOOP
      IF pass = 1 THEN OPEN walk_skip; ELSE OPEN walk_wait; END IF;
      LOOP
        IF pass = 1 THEN FETCH walk_skip INTO walked; ELSE FETCH walk_wait INTO walked; END IF;
        EXIT WHEN NOT FOUND;
        IF (SELECT count(*) FROM (SELECT 1 FROM "candidates" c WHERE c."prompt_id" = walked AND c."source" <> 'HUMAN_REWRITE' LIMIT 2) two) = 2 THEN
          picked := walked;
          EXIT;
        END IF;
        -- Not enough candidates yet: out of the queue until a candidate arrives (trigger candidates_arrived).
        UPDATE "prompts" SET "awaiting_candidates" = true WHERE "prompts"."id" = walked;
      END LOOP;
      IF pass = 1 THEN CLOSE walk_skip; ELSE CLOSE walk_wait; END IF;
      EXIT WHEN picked IS NOT NULL;
    END LOOP;
    IF picked IS NULL THEN RETURN; END IF;
    UPDATE "prompts" p SET "open_slots" = coalesce(p."open_slots", p_overlap + p."extra_slots") - 1 WHERE p."id" = picked;
  END IF;

  RETURN QUERY
    INSERT INTO "assignments" ("id", "prompt_id", "prompt_set_id", "annotator_id", "status", "leased_at", "expires_at")
    VALUES (gen_random_uuid(), picked, p_set, p_annotator, 'ACTIVE', now(), now() + make_interval(mins => p_lease_minutes))
    RETURNING "assignments"."id", "assignments"."prompt_id", "assignments"."leased_at", "assignments"."expires_at";
END
$fn$;

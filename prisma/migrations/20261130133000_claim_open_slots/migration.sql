-- The claim's cost no longer depends on the set's size or progress (issue 12). Each prompt keeps its open
-- overlap slots; the open prompts of a set are a partial index in id order; a claim is one call of
-- arbiter_claim (one round trip) that takes the first open prompt the annotator may judge.
--
-- prompts.open_slots = slot target - HUMAN judgments - ACTIVE leases (lapsed ones included until a claim
-- marks them EXPIRED), where the slot target is the set's overlap + prompts.extra_slots. NULL means the
-- prompt was never leased: all `overlap` slots are open (so an import writes nothing here, and a change
-- of the set's overlap touches only leased prompts). Gold prompts (prompts.gold) are outside this
-- bookkeeping: every member judges them once. Kept exact by the transactions that lease, judge, skip,
-- expire, reopen and raise the target (server/services/annotation), checked by a reconciliation test.
--
-- Lapsed leases: a partial index cannot mention now(), so a lease past its expires_at keeps its slot in
-- open_slots until a claim in its set marks it EXPIRED. Every claim does so first (an index range scan on
-- assignments (prompt_set_id, status, expires_at) that finds nothing in the common case), so a lapsed
-- lease's slot is back before the claim looks for a prompt: no sweeping job is needed.
--
-- prompts.awaiting_candidates: a claim found fewer than two candidates to show (generation has not run
-- yet) and took the prompt out of the open index; the next INSERT into candidates for it puts it back.
-- Inserting a candidate takes FOR KEY SHARE on its prompt, which conflicts with the claim's FOR UPDATE,
-- so a claim can never mark a prompt awaiting while a candidate for it is being inserted unseen.

ALTER TABLE "prompts"
  ADD COLUMN "open_slots" INTEGER,
  ADD COLUMN "extra_slots" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "awaiting_candidates" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "prompts" ADD CONSTRAINT "prompts_extra_slots_non_negative" CHECK ("extra_slots" >= 0);

-- Prompts already leased or judged before this migration: their open slots, counted once.
UPDATE "prompts" p SET "open_slots" = s."overlap"
    - (SELECT count(*) FROM "judgments" j WHERE j."prompt_id" = p."id" AND j."source" = 'HUMAN')
    - (SELECT count(*) FROM "assignments" a WHERE a."prompt_id" = p."id" AND a."status" = 'ACTIVE')
  FROM "prompt_sets" s
  WHERE s."id" = p."prompt_set_id"
    AND (EXISTS (SELECT 1 FROM "judgments" j WHERE j."prompt_id" = p."id" AND j."source" = 'HUMAN')
      OR EXISTS (SELECT 1 FROM "assignments" a WHERE a."prompt_id" = p."id" AND a."status" = 'ACTIVE'));

-- The queue: a set's open prompts in id order (uuids: a shuffled order).
CREATE INDEX "prompts_open" ON "prompts" ("prompt_set_id", "id")
  WHERE "gold" IS NULL AND NOT "awaiting_candidates" AND ("open_slots" IS NULL OR "open_slots" > 0);
CREATE INDEX "prompts_awaiting_candidates" ON "prompts" ("id") WHERE "awaiting_candidates";

-- A change of the set's overlap moves every leased prompt's target with it.
CREATE FUNCTION "arbiter_overlap_changed"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE "prompts" SET "open_slots" = "open_slots" + (NEW."overlap" - OLD."overlap")
  WHERE "prompt_set_id" = NEW."id" AND "open_slots" IS NOT NULL;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "prompt_sets_overlap_changed" AFTER UPDATE OF "overlap" ON "prompt_sets"
  FOR EACH ROW WHEN (OLD."overlap" IS DISTINCT FROM NEW."overlap") EXECUTE FUNCTION "arbiter_overlap_changed"();

-- New candidates put awaiting prompts back in the queue. One statement per INSERT (imports and generation
-- insert in batches), and nothing but an index probe while no prompt is awaiting.
CREATE FUNCTION "arbiter_candidates_arrived"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM "prompts" WHERE "awaiting_candidates") THEN
    UPDATE "prompts" SET "awaiting_candidates" = false
    WHERE "awaiting_candidates" AND "id" IN (SELECT "prompt_id" FROM "arrived");
  END IF;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "candidates_arrived" AFTER INSERT ON "candidates"
  REFERENCING NEW TABLE AS "arrived" FOR EACH STATEMENT EXECUTE FUNCTION "arbiter_candidates_arrived"();

-- The claim, in one round trip. Arguments: the set, the annotator, the set's overlap and lease length,
-- whether to serve a gold prompt (the caller's draw against gold_rate), the leases the browser already
-- holds (not to be returned again) and the most leases one annotator may hold.
-- Returns the lease (a held one or a new one), or no row when there is nothing to judge.
CREATE FUNCTION "arbiter_claim"(
  p_set uuid, p_annotator uuid, p_overlap integer, p_lease_minutes integer, p_gold boolean,
  p_exclude uuid[], p_max_leases integer
) RETURNS TABLE ("id" uuid, "prompt_id" uuid, "leased_at" timestamptz, "expires_at" timestamptz)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  held_count integer := 0;
  held record;
  picked uuid;
  walk refcursor;
  walked uuid;
  pass integer;
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
  --    between two claims doing this at once). Bounded, and empty in the common case.
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

  -- 3. A gold prompt the annotator has not judged, skipped or leased (no slots: every member judges it).
  IF p_gold THEN
    SELECT p."id" INTO picked FROM "prompts" p
    WHERE p."prompt_set_id" = p_set AND p."gold" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "judgments" j WHERE j."prompt_id" = p."id" AND j."annotator_id" = p_annotator)
      AND NOT EXISTS (SELECT 1 FROM "assignments" a WHERE a."prompt_id" = p."id" AND a."annotator_id" = p_annotator AND a."status" IN ('ACTIVE', 'SKIPPED'))
      AND (SELECT count(*) FROM (SELECT 1 FROM "candidates" c WHERE c."prompt_id" = p."id" AND c."source" <> 'HUMAN_REWRITE' LIMIT 2) two) = 2
    ORDER BY p."id" LIMIT 1;
  END IF;

  -- 4. Else the first open prompt (in the open index) that the annotator may judge. First without waiting
  --    for prompts other claims hold locked; if that finds nothing, once more waiting for them, so that the
  --    last open slot is never missed because another claim held its row for a moment.
  IF picked IS NULL THEN
    FOR pass IN 1..2 LOOP
      -- A cursor fetches (and so locks) one row at a time, where a FOR loop would fetch ten.
      OPEN walk NO SCROLL FOR EXECUTE format(
        'SELECT p.id FROM prompts p
         WHERE p.prompt_set_id = $1 AND p.gold IS NULL AND NOT p.awaiting_candidates AND (p.open_slots IS NULL OR p.open_slots > 0)
           AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id AND j.annotator_id = $2)
           AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.prompt_id = p.id AND a.annotator_id = $2 AND a.status IN (''ACTIVE'', ''SKIPPED''))
         ORDER BY p.id FOR UPDATE OF p %s', CASE WHEN pass = 1 THEN 'SKIP LOCKED' ELSE '' END)
        USING p_set, p_annotator;
      LOOP
        FETCH walk INTO walked;
        EXIT WHEN NOT FOUND;
        IF (SELECT count(*) FROM (SELECT 1 FROM "candidates" c WHERE c."prompt_id" = walked AND c."source" <> 'HUMAN_REWRITE' LIMIT 2) two) = 2 THEN
          picked := walked;
          EXIT;
        END IF;
        -- Not enough candidates yet: out of the queue until a candidate arrives (trigger above).
        UPDATE "prompts" SET "awaiting_candidates" = true WHERE "prompts"."id" = walked;
      END LOOP;
      CLOSE walk;
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

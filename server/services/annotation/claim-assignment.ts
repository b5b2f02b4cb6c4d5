import "server-only";
import { claimSchema } from "@/lib/annotation/submission";
import { requirePermission } from "../../auth/require";
import { canAnnotate } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb, hotQuery } from "../../db/client";
import { AppError } from "../../errors";
import { parseOrThrow, requireId } from "../parse";
import { readPauseReason, type AnnotationItem, type AnnotationPause, type AnnotationSetup } from "@/lib/annotation/contracts";
import type { JudgeSuggestionMode, JudgingMode } from "@/lib/vocabulary";
import { loadItem, type LeasedPromptData } from "./internal/load-item";
import { isRetryableQueueError } from "./internal/transaction-options";

/** Current item plus one fetched ahead: more leases than that per annotator only hoard prompts. */
const MAX_ACTIVE_LEASES = 2;
const ATTEMPTS = 20;

export type ClaimResult = {
  setup: AnnotationSetup;
  item: AnnotationItem | null;
  /** Set when the member is paused in this set: item is then null whatever the queue holds. */
  paused?: AnnotationPause;
};

/** A row of arbiter_claim_item: the set and the member's pause, then the lease and its item's data (null when none). */
type ClaimRow = {
  name: string;
  guidelines: string;
  judging_mode: JudgingMode;
  rationale_mode: AnnotationSetup["rationaleMode"];
  flags_enabled: boolean;
  edits_enabled: boolean;
  is_demo: boolean;
  default_system_message: string | null;
  show_scores: boolean;
  judge_suggestions: JudgeSuggestionMode;
  paused_at: Date | null;
  paused_why: string | null;
  paused_reason: unknown;
  assignment_id: string | null;
  prompt_id: string | null;
  expires_at: Date | null;
  messages: LeasedPromptData["messages"] | null;
  candidates: LeasedPromptData["candidates"] | null;
  history: LeasedPromptData["history"];
};

/**
 * The annotator's next item in a prompt set: a lease they already hold (other than `excludeAssignmentIds`,
 * the items the browser already has), else a new lease on a prompt that still needs judgments and that
 * they have neither judged nor skipped; with probability `gold_rate`, a gold prompt they have not judged
 * yet, while one is left. A paused member gets no item, with the reason. A set the actor is not a member
 * of (admins too: they annotate only where they are members) or that is archived is "not found", so its
 * existence does not leak.
 *
 * One round trip: the database function arbiter_claim_item (migration 20261130184000) checks the
 * membership, reads the set's settings and the member's pause, takes the lease with arbiter_claim
 * (migration 20261130133000_claim_open_slots) and reads the item's prompt, candidates and comparison
 * history in statements after it. arbiter_claim walks the partial index of the set's prompts with open
 * slots (prompts.open_slots) in id order, locking each with FOR UPDATE (SKIP LOCKED first, then
 * waiting, so the last open slot is never missed), and takes one slot of the first prompt the annotator
 * may judge. Its cost does not grow with the set's size or progress. The partial unique index
 * assignments_one_active_lease and the unique HUMAN judgment per (prompt, annotator) back it up.
 */
export async function claimAssignment({ actor, promptSetId, input }: { actor: Actor; promptSetId: string; input?: unknown }): Promise<ClaimResult> {
  requirePermission(actor, canAnnotate, "annotate");
  requireId(promptSetId, "prompt set");
  const { excludeAssignmentIds } = parseOrThrow(claimSchema, input ?? {});
  const db = getDb();
  // The draw against the set's gold_rate (a gold prompt when draw < gold_rate), made per claim.
  const goldDraw = Math.random();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    let row: ClaimRow | undefined;
    try {
      [row] = await hotQuery<ClaimRow>(
        "arbiter_claim_item",
        // Columns by name, not *: a prepared statement whose result type changes (a later migration adding a
        // column to the function) fails until reconnected; named ones keep an older instance working.
        `SELECT name, guidelines, judging_mode, rationale_mode, flags_enabled, edits_enabled, is_demo, default_system_message, show_scores,
                judge_suggestions, paused_at, paused_why, paused_reason, assignment_id, prompt_id, expires_at, messages, candidates, history
         FROM arbiter_claim_item($1::uuid, $2::uuid, $3::float8, $4::uuid[], $5::int)`,
        [promptSetId, actor.id, goldDraw, excludeAssignmentIds, MAX_ACTIVE_LEASES],
      );
    } catch (error) {
      // The same annotator claimed in two tabs at once (the unique active lease), or two claims
      // deadlocked while both waited for prompt rows: look again.
      if (isRetryableQueueError(error)) continue;
      throw error;
    }
    if (!row) throw new AppError("NOT_FOUND", { key: "annotation.noSuchSetOrNotMember" });
    const setup: AnnotationSetup = {
      promptSetId,
      name: row.name,
      guidelines: row.guidelines,
      mode: row.judging_mode,
      rationaleMode: row.rationale_mode,
      flagsEnabled: row.flags_enabled,
      editsEnabled: row.edits_enabled,
      isDemo: row.is_demo,
    };
    if (row.paused_at) {
      return { setup, item: null, paused: { since: row.paused_at.toISOString(), why: row.paused_why ?? "An admin paused your work in this prompt set.", reason: readPauseReason(row.paused_reason) } };
    }
    if (!row.assignment_id || !row.prompt_id || !row.expires_at || !row.messages || !row.candidates) return { setup, item: null };
    const item = await loadItem(
      db,
      { id: row.assignment_id, promptId: row.prompt_id, promptSetId, expiresAt: row.expires_at },
      { messages: row.messages, candidates: row.candidates, history: row.history },
      setup.mode,
      row.default_system_message,
      { showScores: row.show_scores, judgeSuggestions: row.judge_suggestions },
    );
    return { setup, item };
  }
  // Twenty conflicts in a row: say so rather than "nothing to judge", which would be untrue.
  throw new AppError("CONFLICT", { key: "annotation.claimContended" });
}

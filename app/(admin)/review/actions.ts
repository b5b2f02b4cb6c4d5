"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { requireActor } from "@/server/auth/get-actor";
import { adjudicatePrompt } from "@/server/services/annotation/adjudicate-prompt";
import { reopenPrompt } from "@/server/services/annotation/reopen-prompt";
import type { ActionState } from "@/lib/forms/action-state";
import { formText } from "@/lib/forms/form-data";

export type ReviewActionState = ActionState | null;

export async function reopenPromptAction(_previous: ReviewActionState, formData: FormData): Promise<ReviewActionState> {
  const promptId = formText(formData, "promptId", "");
  try {
    const actor = await requireActor();
    const { removedJudgments } = await reopenPrompt({ actor, promptId, input: { reason: formText(formData, "reason", "") } });
    revalidatePath(`/review/prompts/${promptId}`);
    return { status: "ok", message: `Reopened: ${removedJudgments} judgment${removedJudgments === 1 ? "" : "s"} removed (kept in the audit log); the prompt is back in the queue.` };
  } catch (error) {
    return actionFailure(error);
  }
}

/** The form sends `shown` (ids in order) and `verdict`: A/B/TIE/BOTH_BAD for pairwise; for ranking, the best candidate's id or ALL_BAD. */
export async function adjudicatePromptAction(_previous: ReviewActionState, formData: FormData): Promise<ReviewActionState> {
  const promptId = formText(formData, "promptId", "");
  const shown = formData.getAll("shown").filter((value): value is string => typeof value === "string");
  const mode = formText(formData, "mode", "");
  const choice = formText(formData, "verdict", "");
  try {
    const actor = await requireActor();
    const verdict =
      mode === "PAIRWISE"
        ? { kind: "pairwise", verdict: choice }
        : choice === "ALL_BAD"
          ? { kind: "ranking", order: shown, tiedWithAbove: shown.map(() => false), allBad: true }
          : { kind: "ranking", order: [choice, ...shown.filter((id) => id !== choice)], tiedWithAbove: shown.map((_, index) => index > 1), allBad: false };
    await adjudicatePrompt({ actor, promptId, input: { shown, verdict, rationale: formText(formData, "rationale", "") } });
    revalidatePath(`/review/prompts/${promptId}`);
    return { status: "ok", message: "Settled: your verdict is stored as the adjudication for this prompt." };
  } catch (error) {
    return actionFailure(error);
  }
}

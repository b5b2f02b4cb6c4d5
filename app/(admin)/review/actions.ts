"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/server/auth/get-actor";
import { adjudicatePrompt } from "@/server/services/annotation/adjudicate-prompt";
import { reopenPrompt } from "@/server/services/annotation/reopen-prompt";
import type { ActionState } from "@/lib/forms/action-state";
import { formText } from "@/lib/forms/form-data";
import { verdictFromForm } from "@/lib/forms/verdict-form";

export type ReviewActionState = ActionState | null;

export async function reopenPromptAction(_previous: ReviewActionState, formData: FormData): Promise<ReviewActionState> {
  const promptId = formText(formData, "promptId", "");
  try {
    const actor = await requireActor();
    const { removedJudgments } = await reopenPrompt({ actor, promptId, input: { reason: formText(formData, "reason", "") } });
    revalidatePath(`/review/prompts/${promptId}`);
    return { status: "ok", message: (await getTranslations("review"))("reopened", { count: removedJudgments }) };
  } catch (error) {
    return actionFailure(error);
  }
}

/** The form sends `shown`, `mode` and `verdict` (lib/forms/verdict-form.ts). */
export async function adjudicatePromptAction(_previous: ReviewActionState, formData: FormData): Promise<ReviewActionState> {
  const promptId = formText(formData, "promptId", "");
  const { shown, verdict } = verdictFromForm(formData);
  try {
    const actor = await requireActor();
    await adjudicatePrompt({ actor, promptId, input: { shown, verdict, rationale: formText(formData, "rationale", "") } });
    revalidatePath(`/review/prompts/${promptId}`);
    return { status: "ok", message: (await getTranslations("review"))("settledMessage") };
  } catch (error) {
    return actionFailure(error);
  }
}

"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/forms/action-state";
import { formText } from "@/lib/forms/form-data";
import { verdictFromForm } from "@/lib/forms/verdict-form";
import { requireActor } from "@/server/auth/get-actor";
import { actionFailure } from "@/server/http/action-failure";
import { setPromptGold } from "@/server/services/quality/set-prompt-gold";
import { unpauseMember } from "@/server/services/quality/unpause-member";
import { updateQualitySettings } from "@/server/services/quality/update-quality-settings";

const settingNames = ["goldRate", "goldMinItems", "goldMinAccuracy", "goldPause", "overlapMax", "adaptiveMinAgreement"] as const;

export async function saveQualitySettingsAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const values = Object.fromEntries(settingNames.map((name) => [name, formText(formData, name, "")]));
  const promptSetId = formText(formData, "promptSetId", "");
  try {
    const actor = await requireActor();
    await updateQualitySettings({ actor, promptSetId, input: values });
    revalidatePath(`/prompt-sets/${promptSetId}`, "layout");
    return { status: "ok", message: (await getTranslations("quality.settings"))("saved") };
  } catch (error) {
    return actionFailure(error, values);
  }
}

/**
 * Marks the prompt gold. The form sends `shown`, `mode` and `verdict` as a settle form does
 * (lib/forms/verdict-form.ts), or `verdict` = `clear` to unmark.
 */
export async function setGoldAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptId = formText(formData, "promptId", "");
  const { shown, choice, verdict } = verdictFromForm(formData);
  try {
    const actor = await requireActor();
    const gold = choice === "clear" ? null : { shown, verdict };
    await setPromptGold({ actor, promptId, input: { gold } });
    revalidatePath(`/review/prompts/${promptId}`);
    const t = await getTranslations("quality.gold");
    return { status: "ok", message: gold ? t("marked") : t("unmarked") };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function unpauseMemberAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = formText(formData, "promptSetId", "");
  try {
    const actor = await requireActor();
    await unpauseMember({ actor, promptSetId, userId: formText(formData, "userId", "") });
    revalidatePath(`/prompt-sets/${promptSetId}/quality`);
    return { status: "ok", message: (await getTranslations("quality"))("unpaused") };
  } catch (error) {
    return actionFailure(error);
  }
}

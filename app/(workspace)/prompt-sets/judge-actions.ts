"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/forms/action-state";
import { requireActor } from "@/server/auth/get-actor";
import { actionFailure } from "@/server/http/action-failure";
import { createJudge } from "@/server/services/judges/create-judge";
import { startJudgeRun } from "@/server/services/judges/start-judge-run";
import { updateJudgeSuggestions } from "@/server/services/judges/update-judge-suggestions";
import { updateJudgeTemplate } from "@/server/services/judges/update-judge-template";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function createJudgeAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = text(formData, "promptSetId");
  const values = { name: text(formData, "name"), kind: text(formData, "kind"), endpointId: text(formData, "endpointId"), language: text(formData, "language"), user: text(formData, "user") };
  try {
    const actor = await requireActor();
    await createJudge({ actor, input: { name: values.name, kind: values.kind, endpointId: values.endpointId, language: values.language || "en", ...(values.user.trim() ? { user: values.user, system: text(formData, "system") } : {}) } });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    return { status: "ok", message: (await getTranslations("promptSets.actions"))("judgeCreated", { name: values.name }) };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function updateJudgeTemplateAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = text(formData, "promptSetId");
  const values = { system: text(formData, "system"), user: text(formData, "user") };
  try {
    const actor = await requireActor();
    const saved = await updateJudgeTemplate({ actor, judgeId: text(formData, "judgeId"), input: values });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    return { status: "ok", message: (await getTranslations("promptSets.actions"))("templateSaved", { version: saved.templateVersion }), values };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function runJudgeAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = text(formData, "promptSetId");
  try {
    const actor = await requireActor();
    const run = await startJudgeRun({ actor, promptSetId, input: { judgeId: text(formData, "judgeId") } });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    return { status: "ok", message: (await getTranslations("promptSets.actions"))("judgeRunStarted", { count: run.taskCount }) };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function saveJudgeSuggestionsAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = text(formData, "promptSetId");
  try {
    const actor = await requireActor();
    const saved = await updateJudgeSuggestions({ actor, promptSetId, input: { judgeSuggestions: text(formData, "judgeSuggestions") } });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    return { status: "ok", message: (await getTranslations("promptSets.actions"))(`judgeSuggestions.${saved.judgeSuggestions}`) };
  } catch (error) {
    return actionFailure(error);
  }
}

"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/forms/action-state";
import { requireActor } from "@/server/auth/get-actor";
import { createPromptSet } from "@/server/services/prompt-sets/create-prompt-set";
import { deletePromptSet } from "@/server/services/prompt-sets/delete-prompt-set";
import { setPromptSetMembers } from "@/server/services/prompt-sets/set-prompt-set-members";
import { updatePromptSet } from "@/server/services/prompt-sets/update-prompt-set";
import { applyRewriteRules } from "@/server/services/rewrite-rules/apply-rewrite-rules";
import { createRewriteRule } from "@/server/services/rewrite-rules/create-rewrite-rule";
import { updateRewriteRule } from "@/server/services/rewrite-rules/update-rewrite-rule";
import { formText } from "@/lib/forms/form-data";

// Each action: authenticate, call the service (which checks the permission and validates), refresh,
// shape the reply. AppErrors become form state; anything else is a bug for the error page and the log.

const settingNames = ["name", "description", "guidelines", "defaultSystemMessage", "judgingMode", "candidatesPerPrompt", "overlap"] as const;
const settings = (formData: FormData) => Object.fromEntries(settingNames.map((name) => [name, formText(formData, name) ?? ""]));

export async function createPromptSetAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const values = settings(formData);
  let id: string;
  try {
    const actor = await requireActor();
    ({ id } = await createPromptSet({ actor, input: values }));
  } catch (error) {
    return actionFailure(error, values);
  }
  revalidatePath("/prompt-sets");
  redirect(`/prompt-sets/${id}`);
}

export async function updatePromptSetAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const values = settings(formData);
  const promptSetId = formText(formData, "promptSetId") ?? "";
  try {
    const actor = await requireActor();
    await updatePromptSet({ actor, promptSetId, input: values });
    revalidatePath(`/prompt-sets/${promptSetId}`, "layout");
    return { status: "ok", message: (await getTranslations("promptSets"))("actions.settingsSaved") };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function setArchivedAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = formText(formData, "promptSetId") ?? "";
  try {
    const actor = await requireActor();
    const archived = formText(formData, "archived") === "true";
    await updatePromptSet({ actor, promptSetId, input: { archived } });
    revalidatePath("/prompt-sets", "layout");
    const t = await getTranslations("promptSets");
    return { status: "ok", message: archived ? t("actions.archived") : t("actions.restored") };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function deletePromptSetAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  try {
    const actor = await requireActor();
    await deletePromptSet({ actor, promptSetId: formText(formData, "promptSetId") ?? "" });
  } catch (error) {
    return actionFailure(error);
  }
  revalidatePath("/prompt-sets");
  redirect("/prompt-sets");
}

export async function setMembersAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = formText(formData, "promptSetId") ?? "";
  try {
    const actor = await requireActor();
    const userIds = formData.getAll("userIds").filter((value): value is string => typeof value === "string");
    const { added, removed } = await setPromptSetMembers({ actor, promptSetId, input: { userIds } });
    revalidatePath(`/prompt-sets/${promptSetId}`, "layout");
    return { status: "ok", message: (await getTranslations("promptSets"))("actions.membersSaved", { added, removed }) };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function createRewriteRuleAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = formText(formData, "promptSetId") ?? "";
  const values = { pattern: formText(formData, "pattern") ?? "", replacement: formText(formData, "replacement") ?? "" };
  try {
    const actor = await requireActor();
    await createRewriteRule({
      actor,
      promptSetId,
      input: { ...values, isRegex: formData.has("isRegex"), wholeWord: formData.has("wholeWord"), caseSensitive: formData.has("caseSensitive") },
    });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    return { status: "ok", message: (await getTranslations("rewriteRules"))("actions.added") };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function updateRewriteRuleAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = formText(formData, "promptSetId") ?? "";
  try {
    const actor = await requireActor();
    const change = formText(formData, "change");
    await updateRewriteRule({ actor, ruleId: formText(formData, "ruleId") ?? "", input: change === "remove" ? { remove: true } : { enabled: change === "enable" } });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    const t = await getTranslations("rewriteRules");
    return { status: "ok", message: change === "remove" ? t("actions.removed") : change === "enable" ? t("actions.on") : t("actions.off") };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function applyRewriteRulesAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = formText(formData, "promptSetId") ?? "";
  try {
    const actor = await requireActor();
    const result = await applyRewriteRules({ actor, promptSetId });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    const t = await getTranslations("rewriteRules");
    return { status: "ok", message: t("actions.applied", { created: result.created, examined: result.examined, unchanged: result.examined - result.changed, already: result.alreadyDerived }) };
  } catch (error) {
    return actionFailure(error);
  }
}

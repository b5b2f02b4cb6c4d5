"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { ActionState } from "@/lib/forms/action-state";
import { requireActor } from "@/server/auth/get-actor";
import { actionFailure } from "@/server/http/action-failure";
import { runSetVerifiers } from "@/server/services/verifiers/run-set-verifiers";
import { updateVerifierSettings } from "@/server/services/verifiers/update-verifier-settings";

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function saveVerifierSettingsAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = text(formData, "promptSetId");
  const values = { checks: text(formData, "checks") };
  try {
    const actor = await requireActor();
    const saved = await updateVerifierSettings({ actor, promptSetId, input: { checks: values.checks, showScoresToAnnotators: formData.get("showScoresToAnnotators") === "on" } });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    const t = await getTranslations("promptSets.actions");
    return { status: "ok", message: t(saved.showScoresToAnnotators ? "verifiersSavedShown" : "verifiersSavedHidden", { count: saved.checks }), values };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function runVerifiersAction(_previous: ActionState | null, formData: FormData): Promise<ActionState> {
  const promptSetId = text(formData, "promptSetId");
  try {
    const actor = await requireActor();
    const result = await runSetVerifiers({ actor, promptSetId });
    revalidatePath(`/prompt-sets/${promptSetId}`);
    const t = await getTranslations("promptSets.actions");
    const verified = t("verified", { candidates: result.candidates, passed: result.passed, failed: result.failed, undecided: result.undecided, created: result.created });
    return { status: "ok", message: result.problems.length > 0 ? `${verified} ${t("verifierProblems", { problems: result.problems.join("; ") })}` : verified };
  } catch (error) {
    return actionFailure(error);
  }
}

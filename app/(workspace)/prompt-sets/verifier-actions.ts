"use server";

import { revalidatePath } from "next/cache";
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
    return { status: "ok", message: `Saved ${saved.checks} check${saved.checks === 1 ? "" : "s"}; annotators ${saved.showScoresToAnnotators ? "see" : "do not see"} the results.`, values };
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
    const problems = result.problems.length > 0 ? ` Problems: ${result.problems.join("; ")}` : "";
    return {
      status: "ok",
      message: `Verified ${result.candidates} candidates: ${result.passed} passed, ${result.failed} failed, ${result.undecided} undecided (${result.created} new scores).${problems}`,
    };
  } catch (error) {
    return actionFailure(error);
  }
}

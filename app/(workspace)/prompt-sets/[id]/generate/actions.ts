"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { RunActionState } from "@/components/generation/types";
import { requireActor } from "@/server/auth/get-actor";
import { cancelRun } from "@/server/services/generation/cancel-run";
import { regenerateCandidate } from "@/server/services/generation/regenerate-candidate";
import { resumeRun } from "@/server/services/generation/resume-run";
import { retryFailedTasks } from "@/server/services/generation/retry-failed-tasks";
import { startRun } from "@/server/services/generation/start-run";
import { formText } from "@/lib/forms/form-data";

export async function startRunAction(_previous: RunActionState | null, formData: FormData): Promise<RunActionState> {
  const promptSetId = formText(formData, "promptSetId", "");
  try {
    const input = {
      endpointIds: formData.getAll("endpointIds").filter((value): value is string => typeof value === "string"),
      candidatesPerModel: formText(formData, "candidatesPerModel", ""),
      spreadAcrossModels: formData.get("spreadAcrossModels") === "on",
      temperature: formText(formData, "temperature", ""),
      top_p: formText(formData, "top_p", ""),
      max_tokens: formText(formData, "max_tokens", ""),
      seed: formText(formData, "seed", ""),
      stop: formText(formData, "stop", ""),
      systemOverride: formText(formData, "systemOverride", ""),
    };
    const { runId, taskCount } = await startRun({ actor: await requireActor(), promptSetId, input });
    revalidatePath(`/prompt-sets/${promptSetId}/generate`);
    return { status: "ok", message: (await getTranslations("generationRun"))("actions.started", { count: taskCount }), runId };
  } catch (error) {
    return actionFailure(error);
  }
}

async function control(formData: FormData, change: typeof cancelRun, done: "cancelled" | "resumed" | "requeued"): Promise<RunActionState> {
  try {
    const { affected } = await change({ actor: await requireActor(), runId: formText(formData, "runId", "") });
    return { status: "ok", message: (await getTranslations("generationRun"))(`actions.${done}`, { count: affected }) };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function cancelRunAction(formData: FormData): Promise<RunActionState> {
  return control(formData, cancelRun, "cancelled");
}

export async function resumeRunAction(formData: FormData): Promise<RunActionState> {
  return control(formData, resumeRun, "resumed");
}

export async function retryFailedAction(formData: FormData): Promise<RunActionState> {
  return control(formData, retryFailedTasks, "requeued");
}

export async function regenerateCandidateAction(_previous: RunActionState | null, formData: FormData): Promise<RunActionState> {
  try {
    const { runId } = await regenerateCandidate({ actor: await requireActor(), candidateId: formText(formData, "candidateId", "") });
    revalidatePath("/prompt-sets/[id]/generate", "page");
    return { status: "ok", message: (await getTranslations("generationRun"))("actions.regenerating"), runId };
  } catch (error) {
    return actionFailure(error);
  }
}

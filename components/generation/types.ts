import type { ActionState } from "@/lib/forms/action-state";
import type { RunProgress } from "@/lib/generation/contracts";

/** GET /api/generation/runs/:id, as the progress panel reads it (the service's own shape, as JSON). */
export type RunProgressData = RunProgress;

export type RunActionState = ActionState<{ runId?: string }>;

export type RunControlAction = (formData: FormData) => Promise<RunActionState>;

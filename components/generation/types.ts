import type { ProgressFigures, RunCounts } from "@/lib/generation/progress";

/** GET /api/generation/runs/:id, as the progress panel reads it. */
export type RunProgressData = {
  id: string;
  status: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  candidatesPerModel: number;
  spreadAcrossModels: boolean;
  endpoints: string[];
  counts: RunCounts;
  figures: ProgressFigures;
  failures: { taskId: string; promptId: string; endpointName: string; sampleIndex: number; attempts: number; reason: string }[];
};

export type RunActionState = { status: "ok" | "error"; message: string; fields?: Record<string, string>; runId?: string };

export type RunControlAction = (formData: FormData) => Promise<RunActionState>;

import type { ProgressFigures, RunCounts } from "./progress";

/** Shapes that cross the network (HTTP API and server actions): the services declare that they return them; components import them from here, never the services. */

/** One of a run's endpoints, as the run's Batch panel offers it. */
export type RunEndpointRef = { id: string; name: string; model: string };

export type RunFailure = { taskId: string; promptId: string; endpointName: string; sampleIndex: number; attempts: number; reason: string };

export type RunProgress = {
  id: string;
  promptSetId: string;
  status: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  candidatesPerModel: number;
  spreadAcrossModels: boolean;
  endpoints: string[];
  counts: RunCounts;
  figures: ProgressFigures;
  failures: RunFailure[];
  /** Tokens used so far, as the server reported them: candidates' for a generation run, the judge's replies' for a judge run. */
  tokens: { prompt: number; completion: number };
};

/** One candidate a run produced, with the prompt's last user turn for context. */
export type GeneratedCandidate = {
  id: string;
  promptId: string;
  promptText: string;
  content: string;
  model: string | null;
  endpointName: string | null;
  sampleIndex: number | null;
  finishReason: string | null;
  latencyMs: number | null;
  completionTokens: number | null;
};

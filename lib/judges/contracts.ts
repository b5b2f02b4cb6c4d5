import type { Agreement } from "./agreement";
import type { JudgeKind } from "./templates";
import type { ConsistencyTally } from "./verdicts";

/** Shapes that cross the network (HTTP API and server components' props): services return them, components import them from here. */

export type JudgeListing = {
  id: string;
  name: string;
  kind: JudgeKind;
  endpoint: { id: string; name: string; model: string };
  template: { version: number; system: string; user: string };
};

export type JudgeRunSummary = {
  runId: string;
  status: string;
  templateVersion: number;
  tasks: number;
  done: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  unparseable: number;
  createdAt: string;
};

export type JudgeSetSummary = {
  judgeId: string;
  name: string;
  kind: JudgeKind;
  model: string;
  runs: JudgeRunSummary[];
  /** Pairwise judges: over the newest run's pairs. */
  consistency: ConsistencyTally | null;
  /** Pairwise judges: agreement with people's votes on the same pairs (newest run). */
  agreement: Agreement | null;
  /** Grading judges: mean rating per model over the newest grades, and unparseable replies. */
  grades: { model: string; candidates: number; meanRating: number | null; unparseable: number }[];
  /** A few unparseable replies, raw (rendered as text). */
  unparseableSamples: { raw: string; reason: string }[];
};

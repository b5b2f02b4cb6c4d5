// Types of admission.mjs (plain JavaScript, loaded by scripts/serve.mjs outside Next).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { metric } from "../observability/core.mjs";

export declare const UNQUEUED_PATHS: Set<string>;
export declare const DEFAULT_QUEUE_LIMIT: number;

export declare function admissionConfig(
  env: Record<string, string | undefined>,
  defaultPoolSize: number,
): { limit: number; queueLimit: number; error?: undefined } | { error: string; limit?: undefined; queueLimit?: undefined };

export type AdmissionControl = {
  /** Runs `start` now when a slot is free, later in arrival order, or answers 503 when the queue is full. */
  admit(req: IncomingMessage, res: ServerResponse, start: () => void): void;
  stats(): { active: number; queued: number; refused: number };
};

export declare function admissionControl(options: { limit: number; queueLimit: number; onRefused?: (req: IncomingMessage) => void }): AdmissionControl;

/** The gate's metrics: `onRefused` for admissionControl, `watch(gate)` once it exists. */
export declare function admissionMetrics(makeMetric: typeof metric): {
  onRefused: () => void;
  watch(gate: AdmissionControl): void;
};

// Types of admission.mjs (plain JavaScript, loaded by scripts/serve.mjs outside Next).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { metric } from "../observability/core.mjs";

export declare const UNQUEUED_PATHS: Set<string>;
export declare const DEFAULT_QUEUE_LIMIT: number;
/** The adaptive cap's floor: two requests per core (at least 2). */
export declare function adaptiveMinLimit(cores?: number): number;
export declare const DEFAULT_TARGET_DELAY_MS: number;

/** The adaptive cap's bounds and target (adaptive-limit.mjs). */
export type AdaptiveBounds = { min: number; max: number; targetMs: number };

export declare function admissionConfig(
  env: Record<string, string | undefined>,
  defaultPoolSize: number,
  cores?: number,
):
  | { limit: number; queueLimit: number; adaptive: AdaptiveBounds | undefined; error?: undefined }
  | { error: string; limit?: undefined; queueLimit?: undefined; adaptive?: undefined };

export type AdmissionControl = {
  /** Runs `start` now when a slot is free, later in arrival order, or answers 503 when the queue is full. */
  admit(req: IncomingMessage, res: ServerResponse, start: () => void): void;
  /** Changes the cap: a higher one admits waiting requests at once, a lower one applies as requests finish. */
  setLimit(limit: number): void;
  /** `waited`: requests that ever had to wait for a slot, since the start. */
  stats(): { active: number; queued: number; refused: number; limit: number; waited: number };
};

export declare function admissionControl(options: { limit: number; queueLimit: number; onRefused?: (req: IncomingMessage) => void }): AdmissionControl;

/** The gate's metrics: `onRefused` for admissionControl, `watch(gate)` once it exists. */
export declare function admissionMetrics(makeMetric: typeof metric): {
  onRefused: () => void;
  watch(gate: AdmissionControl): void;
};

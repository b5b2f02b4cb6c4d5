// Types of adaptive-limit.mjs (plain JavaScript, loaded by scripts/serve.mjs outside Next).
import type { AdaptiveBounds, AdmissionControl } from "./admission.mjs";

export declare function nextLimit(limit: number, window: { delayMs: number; waited: boolean }, bounds: AdaptiveBounds): number;

export declare function adaptConcurrency(
  gate: Pick<AdmissionControl, "setLimit" | "stats">,
  options: AdaptiveBounds & { initial?: number; intervalMs?: number; onChange?: (limit: number) => void },
): { stop(): void };

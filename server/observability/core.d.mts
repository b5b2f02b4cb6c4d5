// Types of core.mjs (plain JavaScript so that scripts/serve.mjs can load it without tsx).
import type { Logger, LoggerOptions } from "pino";
import type client from "prom-client";

export const redactedKeys: string[];
export function makeLogger(options?: { process?: string; pino?: LoggerOptions; destination?: NodeJS.WritableStream }): Logger;
export function requestLogger(): Logger;
export function metricsRegistry(): { registry: client.Registry; client: typeof client; metrics: Map<string, unknown> };
export function metric(kind: "counter", config: client.CounterConfiguration<string>): client.Counter<string>;
export function metric(kind: "gauge", config: client.GaugeConfiguration<string>): client.Gauge<string>;
export function metric(kind: "histogram", config: client.HistogramConfiguration<string>): client.Histogram<string>;
export function routeLabel(url: string): string;
export function observeRequest(observation: { method: string; route: string; status: number; seconds: number }): void;

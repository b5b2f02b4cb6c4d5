// Types of health.mjs (plain JavaScript, loaded by scripts/serve.mjs outside Next).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare const HEALTH_PATHS: Set<string>;

export type DatabaseProbe = {
  /** Whether the database answered, checked now or at most `cacheMs` ago. */
  isUp(): Promise<boolean>;
  close(): Promise<void>;
};

export declare function databaseProbe(options: { connectionString: string | undefined; cacheMs: number; timeoutMs?: number; onError?: (error: unknown) => void }): DatabaseProbe;

export declare function answerHealth(req: IncomingMessage, res: ServerResponse, probe: DatabaseProbe): boolean;

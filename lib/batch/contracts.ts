// Shapes of the Batch file API that cross the network (services return them, components read them).

import type { ErrorKey, ErrorParams } from "../i18n/catalogues";

/** A result line refused or failed: where, the problem as a reason (errors.batchLine.*), and the sentence in English. */
export type BatchLineProblem = { line: number; customId?: string; problem: { key: ErrorKey; params?: ErrorParams }; message: string };

export type BatchImportResult = {
  /** False when nothing was stored (an invalid line with "import nothing", or nothing new). */
  committed: boolean;
  mode: "all-or-nothing" | "skip-invalid";
  /** Non-blank lines read. */
  lines: number;
  /** Candidates stored by this import. */
  imported: number;
  /** Tasks of generation runs that these candidates answered (a run's Batch file), now done. */
  tasksCompleted?: number;
  /** Lines whose custom_id an earlier import already stored (or whose run task the worker answered meanwhile): skipped, so importing twice stores nothing new. */
  alreadyImported: number;
  /** The same custom_id again later in the file: skipped. */
  duplicatesInFile: number;
  /** Requests the Batch service reports as failed (error lines): named by line, never stored. */
  failed: number;
  failures: BatchLineProblem[];
  /** Lines refused: not JSON, not a result, a custom_id Arbiter did not write or of another prompt set. */
  invalid: number;
  errors: BatchLineProblem[];
  /** One sentence for people: what happened. */
  summary: string;
};

export type BatchRequestFileSummary = { id: string; tag: string; model: string; lineCount: number; fileName: string };

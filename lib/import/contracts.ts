import type { ImportMode } from "../schemas/prompt-set";
import type { ImportFormat, RecordError } from "./types";

/** Shapes that cross the network (HTTP API and server actions): the services declare that they return them; components import them from here, never the services. */

/** What an import answers (POST /api/prompt-sets/:id/import and the import panel). */
export type ImportResult = {
  /** False when nothing was stored (all-or-nothing with invalid records). */
  committed: boolean;
  format: ImportFormat;
  mode: ImportMode;
  /** Records read, valid or not. */
  records: number;
  imported: number;
  candidatesImported: number;
  duplicatesInFile: number;
  duplicatesOfExisting: number;
  invalid: number;
  /** The first invalid records, in file order, each with its line (row) and what is wrong. */
  errors: RecordError[];
};

import type { ImportMode } from "../schemas/prompt-set";
import type { DatasetShape, ImportFormat, ImportNotice, RecordError } from "./types";

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
  /** Preference labels that came with the file, stored as judgments of source IMPORTED. */
  judgmentsImported: number;
  /** Prompts imported as gold items (`"gold": true`: the record's label is their expected verdict). */
  goldImported: number;
  /** Valid records read as one of the public dataset shapes (HH-RLHF, UltraFeedback, ...), by shape. */
  shapes: Partial<Record<DatasetShape, number>>;
  /** Ways records were read that the user might not expect, each with how many records and the first. */
  notices: ImportNoticeCount[];
  /** The first record in no shape Arbiter knows, with its fields: map its columns and import again. */
  unknownShape?: { line: number; fields: string[] };
};

export type ImportNoticeCount = { code: ImportNotice; message: string; count: number; firstLine: number };

import "server-only";
import type { ImportResult } from "@/lib/import/contracts";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { importFormatSchema, PromptFileParser, type PromptRecord, type RecordError } from "@/lib/import";
import { importModeSchema } from "@/lib/schemas/prompt-set";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { withPgTransaction } from "../../db/pg-pool";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { copyField, findUnstorableText, sequentialIds } from "./copy-text";
import { z } from "zod";
import { scoreNewCandidates } from "../verifiers/score-candidates";

export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Errors beyond this many are counted, not listed: a wrong file can have a million bad lines. */
const MAX_LISTED_ERRORS = 500;
/** Rows are sent to COPY in batches of about this many characters. */
const BATCH_CHARS = 256 * 1024;

const optionsSchema = z.object({ format: importFormatSchema, mode: importModeSchema });

export type ImportPromptsOptions = {
  actor: Actor;
  promptSetId: string;
  /** { format, mode } as the user chose them, unvalidated. */
  input: unknown;
  /** The file as it arrives (a request body, a file stream): read once, chunk by chunk. */
  body: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  maxFileBytes?: number;
  maxRecordBytes?: number;
};

/**
 * Streams a prompt file into a set in one transaction: records are parsed as the bytes arrive and
 * sent to Postgres with COPY into a temporary table; one INSERT ... SELECT then keeps the first of
 * each conversation that the set does not already hold, and turns the file's answers into IMPORTED
 * candidates. The whole file is never in memory, and either every kept record is stored or none is.
 */
export async function importPrompts({ actor, promptSetId, input, body, maxFileBytes = DEFAULT_MAX_FILE_BYTES, maxRecordBytes }: ImportPromptsOptions): Promise<ImportResult> {
  requirePermission(actor, canManagePromptSets, "import prompts");
  requireId(promptSetId, "prompt set");
  const { format, mode } = parseOrThrow(optionsSchema, input);

  const imported = await withPgTransaction(async (client): Promise<ImportResult> => {
    // Locks the set: two imports into one set take turns, so the duplicate counts are exact.
    const set = await client.query<{ name: string; archived_at: Date | null }>("SELECT name, archived_at FROM prompt_sets WHERE id = $1 FOR UPDATE", [promptSetId]);
    const row = set.rows[0];
    if (!row) throw new AppError("NOT_FOUND", "No such prompt set.");
    if (row.archived_at) throw new AppError("CONFLICT", `The prompt set "${row.name}" is archived; restore it before importing.`);
    await client.query(`CREATE TEMP TABLE import_staging (
      id uuid, line int, external_id text, messages jsonb, reference_answer text, metadata jsonb, answers jsonb, content_hash text
    ) ON COMMIT DROP`);

    const parser = new PromptFileParser(format, { ...(maxRecordBytes ? { maxRecordBytes } : {}) });
    const errors: RecordError[] = [];
    let invalid = 0;
    const nextId = sequentialIds();
    const reject = (error: RecordError) => {
      invalid += 1;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
    };
    const toRow = (record: PromptRecord): string => {
      const where = format === "csv" ? "row" : "line";
      const bad = findUnstorableText({ id: record.externalId, messages: record.messages, reference: record.referenceAnswer, metadata: record.metadata, responses: record.answers }, "");
      if (bad) {
        reject({ line: record.line, field: bad, message: `${where} ${record.line}: field "${bad}": contains a NUL character or a lone UTF-16 surrogate, which cannot be stored` });
        return "";
      }
      return [
        nextId(),
        String(record.line),
        copyField(record.externalId ?? null),
        copyField(JSON.stringify(record.messages)),
        copyField(record.referenceAnswer ?? null),
        copyField(JSON.stringify(record.metadata)),
        copyField(JSON.stringify(record.answers)),
        record.contentHash,
      ].join("\t") + "\n";
    };

    async function* copyBatches(): AsyncGenerator<string> {
      let bytes = 0;
      let batch = "";
      const take = (events: ReturnType<PromptFileParser["push"]>) => {
        for (const event of events) {
          if (event.kind === "record") batch += toRow(event.record);
          else reject(event.error);
        }
      };
      for await (const chunk of body) {
        bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
        if (bytes > maxFileBytes) {
          throw new AppError("BAD_REQUEST", `The file is larger than the ${formatMiB(maxFileBytes)} limit; split it and import the parts.`);
        }
        take(parser.push(chunk));
        if (batch.length >= BATCH_CHARS) {
          yield batch;
          batch = "";
        }
      }
      take(parser.end());
      if (batch) yield batch;
    }
    await pipeline(Readable.from(copyBatches()), client.query(copyFrom("COPY import_staging FROM STDIN")));

    const records = parser.recordCount;
    if (invalid > 0 && mode === "all-or-nothing") {
      // Nothing is stored: the transaction has written only the staging table, which drops at commit.
      return { committed: false, format, mode, records, imported: 0, candidatesImported: 0, duplicatesInFile: 0, duplicatesOfExisting: 0, invalid, errors };
    }
    const { rows } = await client.query<{ valid: string; distinct_count: string; inserted: string; candidates: string }>(
      `WITH firsts AS (
         SELECT DISTINCT ON (content_hash) * FROM import_staging ORDER BY content_hash, line
       ), ins AS (
         INSERT INTO prompts (id, prompt_set_id, external_id, messages, reference_answer, metadata, content_hash)
         SELECT id, $1::uuid, external_id, messages, reference_answer, metadata, content_hash FROM firsts
         ON CONFLICT (prompt_set_id, content_hash) DO NOTHING
         RETURNING id, content_hash
       ), cands AS (
         INSERT INTO candidates (prompt_id, content, source, model, params)
         SELECT ins.id, a.value->>'content', 'IMPORTED', a.value->>'model',
           jsonb_strip_nulls(jsonb_build_object('importedLabel', a.value->>'label', 'importLine', f.line, 'importIndex', a.ordinality - 1))
         FROM ins JOIN firsts f USING (content_hash)
         CROSS JOIN LATERAL jsonb_array_elements(f.answers) WITH ORDINALITY AS a(value, ordinality)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM import_staging) AS valid, (SELECT count(*) FROM firsts) AS distinct_count,
              (SELECT count(*) FROM ins) AS inserted, (SELECT count(*) FROM cands) AS candidates`,
      [promptSetId],
    );
    const counts = rows[0]!;
    const result: ImportResult = {
      committed: true,
      format,
      mode,
      records,
      imported: Number(counts.inserted),
      candidatesImported: Number(counts.candidates),
      duplicatesInFile: Number(counts.valid) - Number(counts.distinct_count),
      duplicatesOfExisting: Number(counts.distinct_count) - Number(counts.inserted),
      invalid,
      errors,
    };
    const { errors: _listed, ...summary } = result;
    await recordAudit(client, { actor, action: "prompt_set.import", entityType: "prompt_set", entityId: promptSetId, data: summary });
    return result;
  });
  // The imported answers are scored by the set's verifiers (and the prompts' own checks) once committed.
  if (imported.committed && imported.candidatesImported > 0) await scoreNewCandidates({ promptSetId, onlyUnscored: true });
  return imported;
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${bytes} bytes`;
}

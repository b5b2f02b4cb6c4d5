import "server-only";
import { describeBytes } from "@/lib/http/write-request";
import type { ImportNoticeCount, ImportResult } from "@/lib/import/contracts";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import {
  columnMappingSchema,
  importFormatSchema,
  importNoticeText,
  PromptFileParser,
  recordUnit,
  type DatasetShape,
  type ImportNotice,
  type ParseEvent,
  type PromptRecord,
  type RecordError,
} from "@/lib/import";
import { importModeSchema } from "@/lib/schemas/prompt-set";
import { requirePermission } from "../../auth/require";
import { canManagePromptSets } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { withPgTransaction } from "../../db/pg-pool";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { copyField, findUnstorableText, sequentialIds } from "./internal/copy-text";
import { parquetRowBatches } from "./internal/parquet-rows";
import { z } from "zod";
import { scoreNewCandidates } from "../verifiers/score-candidates";

export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Errors beyond this many are counted, not listed: a wrong file can have a million bad lines. */
const MAX_LISTED_ERRORS = 500;
/** Rows are sent to COPY in batches of about this many characters. */
const BATCH_CHARS = 256 * 1024;

const optionsSchema = z.object({ format: importFormatSchema, mode: importModeSchema, mapping: columnMappingSchema.optional() });

export type ImportPromptsOptions = {
  actor: Actor;
  promptSetId: string;
  /** { format, mode, mapping? } as the user chose them, unvalidated. */
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
  const { format, mode, mapping } = parseOrThrow(optionsSchema, input);

  const imported = await withPgTransaction(async (client): Promise<ImportResult> => {
    // Locks the set: two imports into one set take turns, so the duplicate counts are exact.
    const set = await client.query<{ name: string; archived_at: Date | null; judging_mode: string }>("SELECT name, archived_at, judging_mode::text FROM prompt_sets WHERE id = $1 FOR UPDATE", [promptSetId]);
    const row = set.rows[0];
    if (!row) throw new AppError("NOT_FOUND", { key: "promptSets.noSuchSet" });
    if (row.archived_at) throw new AppError("CONFLICT", { key: "importPrompts.archived", params: { name: row.name } });
    await client.query(`CREATE TEMP TABLE import_staging (
      id uuid, line int, external_id text, messages jsonb, reference_answer text, metadata jsonb, answers jsonb, judgment jsonb, content_hash text, gold jsonb
    ) ON COMMIT DROP`);

    const parser = new PromptFileParser(format, { ...(maxRecordBytes ? { maxRecordBytes } : {}), ...(mapping ? { mapping } : {}) });
    const shapes: Partial<Record<DatasetShape, number>> = {};
    const notices = new Map<ImportNotice, ImportNoticeCount>();
    const errors: RecordError[] = [];
    let invalid = 0;
    // Whether any stored record carries answers or a label (then candidates and judgments are made too).
    let withAnswers = false;
    let withGold = false;
    const nextId = sequentialIds();
    const reject = (error: RecordError) => {
      invalid += 1;
      if (errors.length < MAX_LISTED_ERRORS) errors.push(error);
    };
    const toRow = (record: PromptRecord): string => {
      const where = recordUnit(format);
      const bad = findUnstorableText({ id: record.externalId, messages: record.messages, reference: record.referenceAnswer, metadata: record.metadata, responses: record.answers }, "");
      if (bad) {
        reject({ line: record.line, field: bad, message: `${where} ${record.line}: field "${bad}": contains a NUL character or a lone UTF-16 surrogate, which cannot be stored` });
        return "";
      }
      if (record.gold && row.judging_mode !== "PAIRWISE") {
        reject({ line: record.line, field: "gold", message: `${where} ${record.line}: field "gold": the set judges by ranking, and a gold verdict in the file is a pairwise one; mark ranking gold on the prompt's review page` });
        return "";
      }
      if (record.gold) withGold = true;
      if (record.answers.length > 0 || record.judgment) withAnswers = true;
      if (record.shape) shapes[record.shape] = (shapes[record.shape] ?? 0) + 1;
      for (const code of record.notices ?? []) {
        const seen = notices.get(code);
        if (seen) seen.count += 1;
        else notices.set(code, { code, message: importNoticeText[code], count: 1, firstLine: record.line });
      }
      return [
        nextId(),
        String(record.line),
        copyField(record.externalId ?? null),
        copyField(JSON.stringify(record.messages)),
        copyField(record.referenceAnswer ?? null),
        copyField(JSON.stringify(record.metadata)),
        copyField(JSON.stringify(record.answers)),
        copyField(record.judgment ? JSON.stringify(record.judgment) : null),
        record.contentHash,
        copyField(record.gold ? JSON.stringify(record.gold) : null),
      ].join("\t") + "\n";
    };

    const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", { key: "importPrompts.fileTooLarge", params: { limit: describeBytes(maxFileBytes) } });
    /** The parser's events as the file arrives: text formats chunk by chunk, Parquet row slice by row slice. */
    async function* parsed(): AsyncGenerator<ParseEvent[]> {
      if (format === "parquet") {
        for await (const rows of parquetRowBatches(body, maxFileBytes, tooLarge)) yield parser.pushRows(rows);
      } else {
        let bytes = 0;
        for await (const chunk of body) {
          bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
          if (bytes > maxFileBytes) throw tooLarge();
          yield parser.push(chunk);
        }
      }
      yield parser.end();
    }

    async function* copyBatches(): AsyncGenerator<string> {
      let batch = "";
      for await (const events of parsed()) {
        for (const event of events) {
          if (event.kind === "record") batch += toRow(event.record);
          else reject(event.error);
        }
        if (batch.length >= BATCH_CHARS) {
          yield batch;
          batch = "";
        }
      }
      if (batch) yield batch;
    }
    await pipeline(Readable.from(copyBatches()), client.query(copyFrom("COPY import_staging FROM STDIN")));

    const records = parser.recordCount;
    const noticeList = [...notices.values()];
    const unknownShape = parser.unknownShape;
    const readings = { shapes, notices: noticeList, ...(unknownShape ? { unknownShape } : {}) };
    if (invalid > 0 && mode === "all-or-nothing") {
      // Nothing is stored: the transaction has written only the staging table, which drops at commit.
      return { committed: false, format, mode, records, imported: 0, candidatesImported: 0, judgmentsImported: 0, goldImported: 0, duplicatesInFile: 0, duplicatesOfExisting: 0, invalid, errors, ...readings };
    }
    // The file's own preference labels become IMPORTED judgments over the candidates made from its
    // answers (matched by their index in the record); shown positions are the file's order. A file of
    // bare prompts skips those statements (their joins over every imported row cost a third of the import).
    const answerStatements = withAnswers
      ? `, cands AS (
         INSERT INTO candidates (prompt_id, content, source, model, params)
         SELECT f.id, a.value->>'content', 'IMPORTED', a.value->>'model',
           jsonb_strip_nulls(jsonb_build_object('importedLabel', a.value->>'label', 'importedScore', a.value->'score', 'importLine', f.line, 'importIndex', a.ordinality - 1))
         FROM firsts f
         CROSS JOIN LATERAL jsonb_array_elements(f.answers) WITH ORDINALITY AS a(value, ordinality)
         RETURNING id, prompt_id, (params->>'importIndex')::int AS answer_index
       ), judged AS (
         INSERT INTO judgments (prompt_id, prompt_set_id, annotator_id, source, idempotency_key, mode, outcome, updated_at)
         SELECT f.id, $1::uuid, NULL, 'IMPORTED', 'imported:' || gen_random_uuid(),
           (CASE WHEN jsonb_array_length(f.judgment->'ranks') > 2 THEN 'RANKING' ELSE 'PAIRWISE' END)::judging_mode,
           (f.judgment->>'outcome')::judgment_outcome, now()
         FROM firsts f
         WHERE f.judgment IS NOT NULL AND f.gold IS NULL
         RETURNING id, prompt_id
       ), ranked AS (
         INSERT INTO judgment_candidates (judgment_id, candidate_id, position, rank)
         SELECT judged.id, cands.id, cands.answer_index, (r.value->>'rank')::int
         FROM judged JOIN firsts f ON f.id = judged.prompt_id
         CROSS JOIN LATERAL jsonb_array_elements(f.judgment->'ranks') AS r(value)
         JOIN cands ON cands.prompt_id = judged.prompt_id AND cands.answer_index = (r.value->>'answer')::int
         RETURNING 1
       )`
      : "";
    const answerCounts = withAnswers ? "(SELECT count(*) FROM cands) AS candidates, (SELECT count(*) FROM judged) AS judgments, (SELECT count(*) FROM ranked) AS ranked" : "0 AS candidates, 0 AS judgments";
    // The count of distinct conversations sorts only the hashes (64 MB keeps it in memory).
    await client.query("SET LOCAL work_mem = '64MB'");
    // The first of each conversation in the file is kept without sorting whole staged rows: the rows
    // are inserted in file order and ON CONFLICT DO NOTHING skips a later copy of one inserted before
    // (or of one the set already holds). File order is the staging table's physical order: COPY
    // appended the rows in it, and a temporary table is never scanned in parallel or from a
    // synchronised mid-table start, so its seq scan returns the rows as COPY wrote them.
    const { rows } = await client.query<{ valid: string; distinct_count: string; inserted: string; candidates: string; judgments: string }>(
      `WITH ins AS (
         INSERT INTO prompts (id, prompt_set_id, external_id, messages, reference_answer, metadata, content_hash)
         SELECT id, $1::uuid, external_id, messages, reference_answer, metadata, content_hash FROM import_staging
         ON CONFLICT (prompt_set_id, content_hash) DO NOTHING
         RETURNING id
       ), firsts AS (
         SELECT f.* FROM ins JOIN import_staging f USING (id)
       )${answerStatements}
       SELECT (SELECT count(*) FROM import_staging) AS valid, (SELECT count(DISTINCT content_hash) FROM import_staging) AS distinct_count,
              (SELECT count(*) FROM ins) AS inserted, ${answerCounts}`,
      [promptSetId],
    );
    const counts = rows[0]!;
    // Gold records' label is their expected verdict over their two answers in file order (prompts just
    // inserted from this file keep the staged id; a record that was a duplicate made no prompt).
    const goldPrompts = withGold
      ? await client.query(
          `UPDATE prompts p SET gold = jsonb_build_object(
             'shown', (SELECT jsonb_agg(c.id::text ORDER BY (c.params->>'importIndex')::int) FROM candidates c WHERE c.prompt_id = p.id AND c.source = 'IMPORTED'),
             'verdict', s.gold)
           FROM import_staging s
           WHERE s.gold IS NOT NULL AND p.id = s.id AND p.prompt_set_id = $1::uuid`,
          [promptSetId],
        )
      : null;
    const result: ImportResult = {
      committed: true,
      format,
      mode,
      records,
      imported: Number(counts.inserted),
      candidatesImported: Number(counts.candidates),
      judgmentsImported: Number(counts.judgments),
      goldImported: goldPrompts?.rowCount ?? 0,
      duplicatesInFile: Number(counts.valid) - Number(counts.distinct_count),
      duplicatesOfExisting: Number(counts.distinct_count) - Number(counts.inserted),
      invalid,
      errors,
      ...readings,
    };
    // Saved only once it imported: the next file of this set opens the mapping step with it.
    if (mapping) await client.query("UPDATE prompt_sets SET import_mapping = $2 WHERE id = $1", [promptSetId, JSON.stringify(mapping)]);
    const { errors: _listed, notices: _notices, ...summary } = result;
    await recordAudit(client, { actor, action: "prompt_set.import", entityType: "prompt_set", entityId: promptSetId, data: summary });
    return result;
  });
  // The imported answers are scored by the set's verifiers (and the prompts' own checks) once committed.
  if (imported.committed && imported.candidatesImported > 0) await scoreNewCandidates({ promptSetId, onlyUnscored: true });
  return imported;
}

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
  recordError,
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
/**
 * Rows are inserted into prompts a slice of about this many characters at a time: while Postgres
 * inserts one slice (the indexes' upkeep is most of an import's time), the parser reads the next, so the
 * two overlap on two cores. Memory holds one slice's text; Postgres one slice's staged rows.
 */
const SLICE_CHARS = 4 * 1024 * 1024;

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
  /** A smaller slice (and COPY batch) than SLICE_CHARS, so that a test's small file goes in in several slices. */
  sliceChars?: number;
};

/**
 * Streams a prompt file into a set in one transaction: records are parsed as the bytes arrive and
 * sent to Postgres with COPY into a temporary table; one INSERT ... SELECT then keeps the first of
 * each conversation that the set does not already hold, and turns the file's answers into IMPORTED
 * candidates. The whole file is never in memory, and either every kept record is stored or none is.
 */
export async function importPrompts({ actor, promptSetId, input, body, maxFileBytes = DEFAULT_MAX_FILE_BYTES, maxRecordBytes, sliceChars: sliceLimit = SLICE_CHARS }: ImportPromptsOptions): Promise<ImportResult> {
  requirePermission(actor, canManagePromptSets, "import prompts");
  requireId(promptSetId, "prompt set");
  const { format, mode, mapping } = parseOrThrow(optionsSchema, input);

  const imported = await withPgTransaction(async (client): Promise<ImportResult> => {
    // Locks the set: two imports into one set take turns, so the duplicate counts are exact.
    const set = await client.query<{ name: string; archived_at: Date | null; judging_mode: string }>("SELECT name, archived_at, judging_mode::text FROM prompt_sets WHERE id = $1 FOR UPDATE", [promptSetId]);
    const row = set.rows[0];
    if (!row) throw new AppError("NOT_FOUND", { key: "promptSets.noSuchSet" });
    if (row.archived_at) throw new AppError("CONFLICT", { key: "importPrompts.archived", params: { name: row.name } });
    // import_slice holds the slice being inserted; import_seen every staged record's id, hash and gold
    // verdict, for the counts and the gold update at the end.
    await client.query(`CREATE TEMP TABLE import_slice (
      id uuid, line int, external_id text, messages jsonb, reference_answer text, metadata jsonb, answers jsonb, judgment jsonb, content_hash text, gold jsonb
    ) ON COMMIT DROP`);
    await client.query("CREATE TEMP TABLE import_seen (id uuid, content_hash text, gold jsonb) ON COMMIT DROP");
    // "Import nothing" undoes the slices already inserted when a later record turns out invalid.
    await client.query("SAVEPOINT import_start");

    const parser = new PromptFileParser(format, { ...(maxRecordBytes ? { maxRecordBytes } : {}), ...(mapping ? { mapping } : {}) });
    const shapes: Partial<Record<DatasetShape, number>> = {};
    const notices = new Map<ImportNotice, ImportNoticeCount>();
    const errors: RecordError[] = [];
    let invalid = 0;
    // Whether a record of the slice carries answers or a label (then candidates and judgments are made too).
    let sliceHasAnswers = false;
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
        reject(recordError(where, record.line, bad, { key: "importRecord.unstorableText" }));
        return "";
      }
      if (record.gold && row.judging_mode !== "PAIRWISE") {
        reject(recordError(where, record.line, "gold", { key: "importRecord.goldNeedsPairwise" }));
        return "";
      }
      if (record.gold) withGold = true;
      if (record.answers.length > 0 || record.judgment) sliceHasAnswers = true;
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

    // The file's own preference labels become IMPORTED judgments over the candidates made from its
    // answers (matched by their index in the record); shown positions are the file's order. A slice of
    // bare prompts skips those statements (their joins over every imported row cost a third of the import).
    const answerStatements = `, cands AS (
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
       )`;
    // The first of each conversation in the file is kept without sorting whole staged rows: slices go in
    // in file order, each slice's rows in file order, and ON CONFLICT DO NOTHING skips a later copy of one
    // inserted before (or of one the set already holds). File order is the slice table's physical order:
    // COPY appended the rows in it, and a temporary table is never scanned in parallel or from a
    // synchronised mid-table start, so its seq scan returns the rows as COPY wrote them.
    const sliceStatement = (withAnswers: boolean) => `WITH ins AS (
         INSERT INTO prompts (id, prompt_set_id, external_id, messages, reference_answer, metadata, content_hash)
         SELECT id, $1::uuid, external_id, messages, reference_answer, metadata, content_hash FROM import_slice
         ON CONFLICT (prompt_set_id, content_hash) DO NOTHING
         RETURNING id
       ), seen AS (
         INSERT INTO import_seen (id, content_hash, gold) SELECT id, content_hash, gold FROM import_slice
       ), firsts AS (
         SELECT f.* FROM ins JOIN import_slice f USING (id)
       )${withAnswers ? answerStatements : ""}
       SELECT (SELECT count(*) FROM ins) AS inserted, ${withAnswers ? "(SELECT count(*) FROM cands) AS candidates, (SELECT count(*) FROM judged) AS judgments, (SELECT count(*) FROM ranked) AS ranked" : "0 AS candidates, 0 AS judgments"}`;
    const totals = { inserted: 0, candidates: 0, judgments: 0 };
    /** The slice Postgres is inserting while the parser reads on; awaited before the next slice is sent. */
    let inserting: Promise<void> | null = null;
    async function sendSlice(parts: string[], withAnswers: boolean): Promise<void> {
      await inserting;
      inserting = null;
      await client.query("TRUNCATE import_slice");
      await pipeline(Readable.from(parts), client.query(copyFrom("COPY import_slice FROM STDIN")));
      const started = client.query<{ inserted: string; candidates: string; judgments: string }>(sliceStatement(withAnswers), [promptSetId]).then(({ rows }) => {
        totals.inserted += Number(rows[0]!.inserted);
        totals.candidates += Number(rows[0]!.candidates);
        totals.judgments += Number(rows[0]!.judgments);
      });
      // Awaited before the next slice or at the end; this only keeps a failure meanwhile from being unhandled.
      started.catch(() => undefined);
      inserting = started;
    }

    // The count of distinct conversations sorts only the hashes (64 MB keeps it in memory).
    await client.query("SET LOCAL work_mem = '64MB'");
    const stopsAtInvalid = () => invalid > 0 && mode === "all-or-nothing";
    try {
      let parts: string[] = [];
      let batch = "";
      let sliceChars = 0;
      const takeBatch = () => {
        if (batch) parts.push(batch);
        sliceChars += batch.length;
        batch = "";
      };
      for await (const events of parsed()) {
        for (const event of events) {
          if (event.kind === "record") batch += toRow(event.record);
          else reject(event.error);
        }
        if (batch.length >= Math.min(BATCH_CHARS, sliceLimit)) takeBatch();
        if (stopsAtInvalid()) {
          // "Import nothing" and an invalid record: nothing more is inserted; the rest is still read, to list its errors.
          parts = [];
          batch = "";
          sliceChars = 0;
        } else if (sliceChars >= sliceLimit) {
          await sendSlice(parts, sliceHasAnswers);
          parts = [];
          sliceChars = 0;
          sliceHasAnswers = false;
        }
      }
      takeBatch();
      if (parts.length > 0 && !stopsAtInvalid()) await sendSlice(parts, sliceHasAnswers);
      await inserting;
    } finally {
      // A failure while a slice is being inserted: let it settle before the transaction is rolled back.
      await (inserting as Promise<void> | null)?.catch(() => undefined);
    }

    const records = parser.recordCount;
    const noticeList = [...notices.values()];
    const unknownShape = parser.unknownShape;
    const readings = { shapes, notices: noticeList, ...(unknownShape ? { unknownShape } : {}) };
    if (invalid > 0 && mode === "all-or-nothing") {
      // Nothing is stored: the slices inserted before the first invalid record are undone.
      await client.query("ROLLBACK TO SAVEPOINT import_start");
      return { committed: false, format, mode, records, imported: 0, candidatesImported: 0, judgmentsImported: 0, goldImported: 0, duplicatesInFile: 0, duplicatesOfExisting: 0, invalid, errors, ...readings };
    }
    const { rows } = await client.query<{ valid: string; distinct_count: string }>("SELECT count(*) AS valid, count(DISTINCT content_hash) AS distinct_count FROM import_seen");
    const counts = { ...rows[0]!, ...totals };
    // Gold records' label is their expected verdict over their two answers in file order (prompts just
    // inserted from this file keep the staged id; a record that was a duplicate made no prompt).
    const goldPrompts = withGold
      ? await client.query(
          `UPDATE prompts p SET gold = jsonb_build_object(
             'shown', (SELECT jsonb_agg(c.id::text ORDER BY (c.params->>'importIndex')::int) FROM candidates c WHERE c.prompt_id = p.id AND c.source = 'IMPORTED'),
             'verdict', s.gold)
           FROM import_seen s
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

import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { z } from "zod";
import { readBatchResultLine } from "@/lib/batch/batch-file";
import type { BatchImportResult, BatchLineProblem } from "@/lib/batch/contracts";
import { batchLineProblem } from "@/lib/batch/line-problem";
import type { ErrorParams } from "@/lib/i18n/catalogues";
import { readFieldMessage } from "@/lib/schemas/field-message";
import { describeBytes } from "@/lib/http/write-request";
import { JsonlSplitter } from "@/lib/import/jsonl-splitter";
import type { RawRecord } from "@/lib/import/raw-record";
import { Utf8StreamDecoder } from "@/lib/import/utf8-decoder";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { requirePermission } from "../../auth/require";
import type { Actor } from "../../authz/actor";
import { withPgTransaction } from "../../db/pg-pool";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { parseOrThrow, requireId } from "../parse";
import { copyField, findUnstorableText } from "../import/internal/copy-text";

export const MAX_BATCH_RESULTS_BYTES = 512 * 1024 * 1024;
/** A completion line (prompt echoed in usage only): far below this; beyond it a line is refused. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const MAX_LISTED = 500;
const BATCH_CHARS = 256 * 1024;

const optionsSchema = z.object({ mode: z.enum(["all-or-nothing", "skip-invalid"], { error: 'mode must be "all-or-nothing" or "skip-invalid"' }).default("all-or-nothing") });

/**
 * Imports a Batch results file (OpenAI Batch API or vLLM run_batch output) into a prompt set: each
 * completion line becomes a GENERATED candidate of the prompt its custom_id names, with the model the
 * server reported, the request file's sampling parameters, usage and finish reason. Lines the service
 * marks as failed are reported, not stored. A line that is not JSON, not a result, or whose custom_id
 * Arbiter did not write (or wrote for another prompt set) is invalid: with "all-or-nothing" (the default)
 * nothing is stored, with "skip-invalid" the rest is. Idempotent: a custom_id already stored is skipped
 * (a unique index backs this). Streamed through COPY into a staging table, in one transaction.
 */
export async function importBatchResults({
  actor,
  promptSetId,
  input,
  body,
  maxFileBytes = MAX_BATCH_RESULTS_BYTES,
}: {
  actor: Actor;
  promptSetId: string;
  input: unknown;
  body: AsyncIterable<Uint8Array | string>;
  maxFileBytes?: number;
}): Promise<BatchImportResult> {
  requirePermission(actor, canManagePromptSets, "import Batch results");
  requireId(promptSetId, "prompt set");
  const { mode } = parseOrThrow(optionsSchema, input ?? {});

  return withPgTransaction(async (client) => {
    const set = await client.query<{ name: string; archived_at: Date | null }>("SELECT name, archived_at FROM prompt_sets WHERE id = $1 FOR UPDATE", [promptSetId]);
    const row = set.rows[0];
    if (!row) throw new AppError("NOT_FOUND", { key: "notFound.promptSet" });
    if (row.archived_at) throw new AppError("CONFLICT", { key: "importPrompts.archived", params: { name: row.name } });
    await client.query(`CREATE TEMP TABLE batch_staging (
      line int, custom_id text, tag text, prompt_id uuid, sample_index int, content text, model text,
      finish_reason text, prompt_tokens int, completion_tokens int, response_id text
    ) ON COMMIT DROP`);

    let lines = 0;
    let failed = 0;
    let invalid = 0;
    const failures: BatchLineProblem[] = [];
    const errors: BatchLineProblem[] = [];
    const refuse = (problem: BatchLineProblem) => {
      invalid += 1;
      if (errors.length < MAX_LISTED) errors.push(problem);
    };
    let pending: string[] = [];
    let pendingChars = 0;
    const splitter = new JsonlSplitter((raw: RawRecord) => {
      lines += 1;
      if (raw.kind === "problem") return refuse(batchLineProblem(raw.line, undefined, readFieldMessage(raw.message)));
      const read = readBatchResultLine(raw.fields, raw.line);
      if (read.kind === "invalid") return refuse(batchLineProblem(read.line, read.customId, readFieldMessage(read.message)));
      if (read.kind === "failed") {
        failed += 1;
        if (failures.length < MAX_LISTED) failures.push(batchLineProblem(read.line, read.customId, readFieldMessage(read.message)));
        return;
      }
      if (findUnstorableText(read.content, "content") || findUnstorableText(read.model, "model")) {
        return refuse(batchLineProblem(read.line, undefined, { key: "batchLine.unstorableAnswer" }));
      }
      const copyRow =
        [
          String(read.line),
          copyField(read.customId),
          read.ids.tag,
          read.ids.promptId,
          String(read.ids.sampleIndex),
          copyField(read.content),
          copyField(read.model),
          copyField(read.finishReason),
          read.promptTokens === null ? "\\N" : String(read.promptTokens),
          read.completionTokens === null ? "\\N" : String(read.completionTokens),
          copyField(read.responseId),
        ].join("\t") + "\n";
      pending.push(copyRow);
      pendingChars += copyRow.length;
    }, MAX_LINE_BYTES);

    async function* copyBatches(): AsyncGenerator<string> {
      const decoder = new Utf8StreamDecoder();
      let bytes = 0;
      for await (const chunk of body) {
        const data = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
        bytes += data.byteLength;
        if (bytes > maxFileBytes) throw new AppError("PAYLOAD_TOO_LARGE", { key: "batch.resultsTooLarge", params: { limit: describeBytes(maxFileBytes) } });
        const { text, isValid } = decoder.decode(data);
        splitter.push(text);
        if (!isValid) throw new AppError("BAD_REQUEST", { key: "batch.resultsNotUtf8", params: { line: String(splitter.position) } });
        if (pendingChars >= BATCH_CHARS) {
          yield pending.join("");
          pending = [];
          pendingChars = 0;
        }
      }
      if (!decoder.end()) throw new AppError("BAD_REQUEST", { key: "batch.resultsTruncatedUtf8" });
      splitter.end();
      if (pending.length) yield pending.join("");
      pending = [];
    }
    await pipeline(Readable.from(copyBatches()), client.query(copyFrom("COPY batch_staging FROM STDIN")));

    // Which staged lines may be stored: the file's tag must be one of this set's request files, the prompt
    // must (still) be in the set, the sample within the file's N.
    // `why` is a reason key under errors.batchLine; its figures come beside it.
    const refused = await client.query<{ line: number; custom_id: string; why: "unknownTag" | "otherSet" | "promptNotInSet" | "sampleBeyondN"; tag: string; set_name: string | null; sample_index: number; samples: number | null }>(
      `SELECT s.line, s.custom_id, s.tag, os.name AS set_name, s.sample_index, f.samples,
         CASE WHEN f.id IS NULL THEN 'unknownTag'
              WHEN f.prompt_set_id <> $1::uuid THEN 'otherSet'
              WHEN p.id IS NULL THEN 'promptNotInSet'
              ELSE 'sampleBeyondN'
         END AS why
       FROM batch_staging s
       LEFT JOIN batch_request_files f ON f.tag = s.tag
       LEFT JOIN prompt_sets os ON os.id = f.prompt_set_id
       LEFT JOIN prompts p ON p.id = s.prompt_id AND p.prompt_set_id = $1::uuid
       WHERE f.id IS NULL OR f.prompt_set_id <> $1::uuid OR p.id IS NULL OR s.sample_index >= f.samples
       ORDER BY s.line`,
      [promptSetId],
    );
    for (const bad of refused.rows) {
      const params: ErrorParams | undefined = bad.why === "unknownTag" ? { tag: bad.tag } : bad.why === "otherSet" ? { set: bad.set_name ?? "deleted" } : bad.why === "sampleBeyondN" ? { sample: bad.sample_index, samples: bad.samples ?? 0 } : undefined;
      refuse(batchLineProblem(bad.line, bad.custom_id, params ? { key: `batchLine.${bad.why}`, params } : { key: `batchLine.${bad.why}` }));
    }
    errors.sort((a, b) => a.line - b.line);

    const base = { mode, lines, failed, failures, invalid, errors };
    if (invalid > 0 && mode === "all-or-nothing") {
      return { ...base, committed: false, imported: 0, alreadyImported: 0, duplicatesInFile: 0, summary: `Nothing imported: ${invalid} invalid line${invalid === 1 ? "" : "s"} (listed). Fix them, or choose "Skip invalid lines".` };
    }

    // A line of a generation run's file (batch_request_files.run_id) answers that run's task for its
    // prompt, endpoint and sample: the candidate is the task's (generation_task_id, endpoint_id), and the
    // task is marked done. ON CONFLICT covers both unique keys: a custom_id imported before, and a task
    // the worker answered meanwhile (its answer is kept).
    const { rows } = await client.query<{ valid: string; firsts: string; inserted: string; tasks: string; runs: string }>(
      `WITH valid AS (
         SELECT s.*, f.params AS file_params, f.endpoint_id, t.id AS task_id FROM batch_staging s
         JOIN batch_request_files f ON f.tag = s.tag AND f.prompt_set_id = $1::uuid
         JOIN prompts p ON p.id = s.prompt_id AND p.prompt_set_id = $1::uuid
         LEFT JOIN generation_tasks t ON f.run_id IS NOT NULL AND t.run_id = f.run_id AND t.prompt_id = s.prompt_id
           AND t.endpoint_id = f.endpoint_id AND t.sample_index = s.sample_index AND t.kind = 'GENERATE'
         WHERE s.sample_index < f.samples
       ), firsts AS (
         SELECT DISTINCT ON (custom_id) * FROM valid ORDER BY custom_id, line
       ), ins AS (
         INSERT INTO candidates (prompt_id, content, source, model, params, seed, prompt_tokens, completion_tokens, finish_reason, batch_custom_id, generation_task_id, endpoint_id)
         SELECT prompt_id, content, 'GENERATED', model,
           file_params || jsonb_strip_nulls(jsonb_build_object('batch', tag, 'sampleIndex', sample_index, 'batchResponseId', response_id)),
           CASE WHEN file_params ? 'seed' THEN (file_params->>'seed')::int + sample_index END,
           prompt_tokens, completion_tokens, finish_reason, custom_id, task_id, endpoint_id
         FROM firsts ORDER BY line
         ON CONFLICT DO NOTHING
         RETURNING generation_task_id
       ), done AS (
         UPDATE generation_tasks t SET status = 'SUCCEEDED', locked_until = NULL, next_attempt_at = NULL, last_error = NULL, updated_at = now()
           FROM ins WHERE t.id = ins.generation_task_id
         RETURNING t.run_id
       ), finished AS (
         -- A run (not running: a run's file is written for a stopped run) whose every task is now done is complete.
         UPDATE generation_runs r SET status = 'COMPLETED', finished_at = now()
          WHERE r.id IN (SELECT run_id FROM done) AND r.status NOT IN ('QUEUED', 'RUNNING')
            AND NOT EXISTS (SELECT 1 FROM generation_tasks t WHERE t.run_id = r.id AND t.status <> 'SUCCEEDED'
                              AND t.id NOT IN (SELECT generation_task_id FROM ins WHERE generation_task_id IS NOT NULL))
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM valid) AS valid, (SELECT count(*) FROM firsts) AS firsts, (SELECT count(*) FROM ins) AS inserted,
              (SELECT count(*) FROM done) AS tasks, (SELECT count(*) FROM finished) AS runs`,
      [promptSetId],
    );
    const counts = rows[0]!;
    const imported = Number(counts.inserted);
    const duplicatesInFile = Number(counts.valid) - Number(counts.firsts);
    const alreadyImported = Number(counts.firsts) - imported;
    const tasksCompleted = Number(counts.tasks);
    const parts = [
      `${imported} candidate${imported === 1 ? "" : "s"} imported`,
      tasksCompleted ? `${tasksCompleted} generation run task${tasksCompleted === 1 ? "" : "s"} answered` : "",
      alreadyImported ? `${alreadyImported} already imported earlier (skipped)` : "",
      duplicatesInFile ? `${duplicatesInFile} repeated in the file (skipped)` : "",
      failed ? `${failed} failed request${failed === 1 ? "" : "s"} (listed)` : "",
      invalid ? `${invalid} invalid line${invalid === 1 ? "" : "s"} skipped` : "",
    ].filter(Boolean);
    const summary = imported === 0 && alreadyImported > 0 ? `Nothing new: every result in this file was already imported (${alreadyImported}).` : `${parts.join("; ")}.`;
    if (imported > 0) {
      await recordAudit(client, { actor, action: "batch_results.import", entityType: "prompt_set", entityId: promptSetId, data: { mode, lines, imported, tasksCompleted, alreadyImported, duplicatesInFile, failed, invalid } });
    }
    return { ...base, committed: imported > 0, imported, tasksCompleted, alreadyImported, duplicatesInFile, summary };
  });
}

// Import of 100,000 prompts through the app's streaming import (parse, validate, hash, COPY into a
// staging table, dedupe, INSERT ... SELECT, one transaction), beside a bare Postgres COPY of the same
// rows into the same table as the baseline, in the same run and the same database; then the same
// rows as a Parquet file (spooled, decoded by hyparquet), and as HH-RLHF pairs whose labels become
// imported judgments, each beside the JSONL import of the same run. The Parquet file is also written
// again by arrow-rs (parquet-wasm) in each codec the import reads (the Hub's files use snappy or zstd
// mostly), and each is imported beside the JSONL figure.
// Run: npm run bench:import  (ROWS=200000 npm run bench:import for another size; CODECS=none HH=0 DUP=0
// for the JSONL and Parquet figures beside COPY only). Each figure is printed as it is measured.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { parquetMetadata } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { Compression, readParquet, writeParquet, WriterPropertiesBuilder } from "parquet-wasm/node";
import { from as copyFrom } from "pg-copy-streams";
import { conversationHash } from "../lib/conversation-hash";
import { cloneDatabase, startTestPostgres } from "../tests/support/test-postgres";

const rows = Number(process.env.ROWS ?? 100_000);
const topics = ["identity", "math", "code", "writing", "trivia"];

function record(i: number) {
  return {
    id: `bench-${i}`,
    messages: [
      { role: "system" as const, content: "You are a helpful assistant." },
      { role: "user" as const, content: `Question ${i}: explain ${topics[i % topics.length]} in two sentences, please. (${"x".repeat(i % 40)})` },
    ],
    metadata: { topic: topics[i % topics.length], index: i },
  };
}

function* fileChunks(): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    chunk += JSON.stringify(record(i)) + "\n";
    if (chunk.length > 64 * 1024) {
      yield encoder.encode(chunk);
      chunk = "";
    }
  }
  if (chunk) yield encoder.encode(chunk);
}

/** The same records as one Parquet file (messages as list<struct>, metadata as struct), written by hyparquet-writer. */
function parquetFile(): Uint8Array {
  const records = Array.from({ length: rows }, (_, i) => record(i));
  const text = (name: string) => ({ name, type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const, repetition_type: "OPTIONAL" as const });
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "id", data: records.map((r) => r.id) },
      { name: "messages", data: records.map((r) => r.messages) },
      { name: "metadata", data: records.map((r) => r.metadata) },
    ],
    schema: [
      { name: "root", num_children: 3 },
      text("id"),
      { name: "messages", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", repetition_type: "OPTIONAL", num_children: 2 },
      text("role"),
      text("content"),
      { name: "metadata", repetition_type: "OPTIONAL", num_children: 2 },
      text("topic"),
      { name: "index", type: "INT32", repetition_type: "OPTIONAL" },
    ],
  });
  return new Uint8Array(buffer);
}

/** The same questions as HH-RLHF pairs: a prompt, two answers and an imported label each. */
function* hhChunks(): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const question = record(i).messages[1]!.content;
    chunk += JSON.stringify({ chosen: `\n\nHuman: ${question}\n\nAssistant: A careful answer ${i}.`, rejected: `\n\nHuman: ${question}\n\nAssistant: No.` }) + "\n";
    if (chunk.length > 64 * 1024) {
      yield encoder.encode(chunk);
      chunk = "";
    }
  }
  if (chunk) yield encoder.encode(chunk);
}

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** Which of the extra measurements run (all by default): `CODECS=none` or `CODECS=SNAPPY,ZSTD`, `HH=0`, `DUP=0`. */
const codecFilter = process.env.CODECS?.toUpperCase();
const withHh = process.env.HH !== "0";
const withDup = process.env.DUP !== "0";

async function main() {
  const server = await startTestPostgres();
  try {
    process.env.DATABASE_URL = await cloneDatabase(server, "bench_import");
    process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret-0";
    const { systemActor } = await import("../server/authz/actor");
    const { createPromptSet } = await import("../server/services/prompt-sets/create-prompt-set");
    const { importPrompts } = await import("../server/services/import/import-prompts");
    const { copyField } = await import("../server/services/import/internal/copy-text");
    const actor = systemActor("bench");
    const chunks = [...fileChunks()];
    const bytes = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    // Each figure is printed as soon as it is measured, so a run cut short still reports what it measured.
    const line = (label: string, ms: number, extra = "") => console.log(`  ${label.padEnd(86)} ${ms.toFixed(0).padStart(6)} ms  ${rate(rows, ms).toLocaleString("en").padStart(7)} rows/s${extra}`);
    console.log(`Import of ${rows.toLocaleString("en")} prompts (${(bytes / (1024 * 1024)).toFixed(1)} MB of JSONL), Postgres ${(await pgVersion()) ?? "?"}`);

    // Warm-up: connections, plans, JIT of the parser.
    const warm = await createPromptSet({ actor, input: { name: "warm-up" } });
    await importPrompts({ actor, promptSetId: warm.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunks.slice(0, 5) });

    const appSet = await createPromptSet({ actor, input: { name: "bench app import" } });
    let started = performance.now();
    const result = await importPrompts({ actor, promptSetId: appSet.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunks });
    const appMs = performance.now() - started;
    if (!result.committed || result.imported !== rows) throw new Error(`import stored ${result.imported} of ${rows}: ${JSON.stringify(result.errors.slice(0, 3))}`);
    line("app import (stream, parse, validate, hash, COPY to staging, dedupe, INSERT ... SELECT):", appMs);

    // Baseline: the same rows, already in COPY's text format (so no parsing or hashing is timed),
    // straight into prompts.
    const copySet = await createPromptSet({ actor, input: { name: "bench bare copy" } });
    const lines: string[] = [];
    let batch = "";
    for (let i = 0; i < rows; i++) {
      const r = record(i);
      batch += [copySet.id, copyField(r.id), copyField(JSON.stringify(r.messages)), copyField(JSON.stringify(r.metadata)), conversationHash(r.messages)].join("\t") + "\n";
      if (batch.length > 256 * 1024) {
        lines.push(batch);
        batch = "";
      }
    }
    if (batch) lines.push(batch);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    started = performance.now();
    await client.query("BEGIN");
    await pipeline(Readable.from(lines), client.query(copyFrom("COPY prompts (prompt_set_id, external_id, messages, metadata, content_hash) FROM STDIN")));
    await client.query("COMMIT");
    const copyMs = performance.now() - started;
    line("baseline: bare COPY of the same rows, preformatted, into prompts:", copyMs, `  (app import / this: ${(copyMs / appMs).toFixed(2)}, aim >= 0.8)`);
    // And into a table without indexes: the ceiling of loading these bytes at all.
    await client.query("CREATE UNLOGGED TABLE bench_bare (prompt_set_id uuid, external_id text, messages jsonb, metadata jsonb, content_hash text)");
    started = performance.now();
    await pipeline(Readable.from(lines), client.query(copyFrom("COPY bench_bare FROM STDIN")));
    const bareMs = performance.now() - started;
    await client.end();
    line("COPY of the same rows into an unlogged table without indexes:", bareMs, `  (app import / this: ${(bareMs / appMs).toFixed(2)})`);

    if (withDup) {
      started = performance.now();
      const again = await importPrompts({ actor, promptSetId: appSet.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunks });
      const dupMs = performance.now() - started;
      if (again.duplicatesOfExisting !== rows) throw new Error("re-import should find every row a duplicate");
      line("re-import of the same file (every row a duplicate, nothing stored):", dupMs);
    }

    const parquet = parquetFile();
    const parquetSet = await createPromptSet({ actor, input: { name: "bench parquet import" } });
    started = performance.now();
    const fromParquet = await importPrompts({ actor, promptSetId: parquetSet.id, input: { format: "parquet", mode: "all-or-nothing" }, body: [parquet] });
    const parquetMs = performance.now() - started;
    if (fromParquet.imported !== rows) throw new Error(`parquet import stored ${fromParquet.imported} of ${rows}: ${JSON.stringify(fromParquet.errors.slice(0, 3))}`);
    line(`the same rows as Parquet (${(parquet.byteLength / (1024 * 1024)).toFixed(1)} MB, hyparquet-writer; spool, hyparquet, same pipeline):`, parquetMs, `  (JSONL / this: ${(appMs / parquetMs).toFixed(2)}; COPY / this: ${(copyMs / parquetMs).toFixed(2)})`);

    // The same table in each codec, written by arrow-rs (what pyarrow and the Hub's writers produce).
    const codecs = [
      [Compression.UNCOMPRESSED, "UNCOMPRESSED"],
      [Compression.SNAPPY, "SNAPPY"],
      [Compression.ZSTD, "ZSTD"],
      [Compression.GZIP, "GZIP"],
      [Compression.BROTLI, "BROTLI"],
      [Compression.LZ4_RAW, "LZ4_RAW"],
    ] as const;
    for (const [codec, name] of codecs) {
      if (codecFilter !== undefined && !codecFilter.split(",").includes(name)) continue;
      const encoded = writeParquet(readParquet(parquet), new WriterPropertiesBuilder().setCompression(codec).build());
      const file = new Uint8Array(encoded);
      const written = new Set(parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer).row_groups.flatMap((group) => group.columns.map((column) => column.meta_data?.codec)));
      if (written.size !== 1 || !written.has(name)) throw new Error(`parquet-wasm wrote ${[...written].join(", ")} instead of ${name}`);
      const codecSet = await createPromptSet({ actor, input: { name: `bench parquet ${name}` } });
      started = performance.now();
      const stored = await importPrompts({ actor, promptSetId: codecSet.id, input: { format: "parquet", mode: "all-or-nothing" }, body: [file] });
      const ms = performance.now() - started;
      if (stored.imported !== rows) throw new Error(`parquet ${name} import stored ${stored.imported} of ${rows}: ${JSON.stringify(stored.errors.slice(0, 3))}`);
      line(`Parquet by arrow-rs, ${name.padEnd(12)} (${(file.byteLength / (1024 * 1024)).toFixed(1).padStart(5)} MB):`, ms, `  (JSONL / this: ${(appMs / ms).toFixed(2)}; COPY / this: ${(copyMs / ms).toFixed(2)})`);
    }

    if (withHh) {
      const hh = [...hhChunks()];
      const hhSet = await createPromptSet({ actor, input: { name: "bench hh import" } });
      started = performance.now();
      const fromHh = await importPrompts({ actor, promptSetId: hhSet.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: hh });
      const hhMs = performance.now() - started;
      if (fromHh.judgmentsImported !== rows) throw new Error(`HH import stored ${fromHh.judgmentsImported} labels of ${rows}`);
      line("HH-RLHF pairs (prompt + 2 candidates + 1 imported judgment with 2 ranks each):", hhMs, `  (JSONL / this: ${(appMs / hhMs).toFixed(2)})`);
    }
  } finally {
    await server.stop();
  }
}

async function pgVersion(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
  await client.end();
  return version[0]?.server_version;
}

await main();

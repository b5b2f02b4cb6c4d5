// Export of 1,000,000 preference pairs (TRL explicit-prompt DPO, best vs. worst) through the app's export
// (read-only repeatable-read snapshot, keyset pages, pairing, writers, chunked file store, manifest),
// beside a bare Postgres `COPY (SELECT json of the same rows) TO STDOUT` in the same run and database;
// then the streamed zip download of the result. Rows are generated in SQL with generate_series.
// Run: npm run bench:export  (PAIRS=200000 npm run bench:export for another size)
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { cloneDatabase, startTestPostgres } from "../tests/support/test-postgres";

const pairs = Number(process.env.PAIRS ?? 1_000_000);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** A sink that counts bytes and notes when the first arrived. */
function countingSink(started: number) {
  const state = { bytes: 0, firstByteMs: null as number | null };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      state.firstByteMs ??= performance.now() - started;
      state.bytes += chunk.length;
      done();
    },
  });
  return { sink, state };
}

/** Peak resident set and heap while `work` runs, sampled every 50 ms (maxRSS covers the whole process). */
async function measured<T>(work: () => Promise<T>) {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  const started = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - started, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
    sample();
  }
}

async function generate(client: pg.Client) {
  await client.query(`INSERT INTO users (email, name, password_hash, role, updated_at) VALUES ('bench@bench.arbiter', 'Bench', 'x', 'ANNOTATOR', now())`);
  await client.query(
    `INSERT INTO prompt_sets (name, default_system_message, updated_at) VALUES ('bench', 'You are Deep Qwen, a helpful assistant.', now())`,
  );
  await client.query(`
    INSERT INTO prompts (prompt_set_id, messages, content_hash)
    SELECT s.id, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || i || ': who are you, and what can you do?')), md5(i::text)
      FROM prompt_sets s, generate_series(1, ${pairs}) AS i`);
  await client.query(`
    INSERT INTO candidates (prompt_id, content, source, model, created_at)
    SELECT p.id, CASE WHEN k = 1 THEN 'I am Deep Qwen, made by Arbiter Labs. ' ELSE 'I am Qwen, created by Alibaba Cloud. ' END || (p.messages->0->>'content'),
           'GENERATED', 'bench-model', timestamptz '2026-01-01' + k * interval '1 second'
      FROM prompts p, generate_series(1, 2) AS k`);
  await client.query(`
    INSERT INTO judgments (prompt_id, prompt_set_id, annotator_id, idempotency_key, mode, outcome, updated_at)
    SELECT p.id, p.prompt_set_id, u.id, p.id::text, 'PAIRWISE', 'PREFERENCE', now() FROM prompts p, users u`);
  await client.query(`
    INSERT INTO judgment_candidates (judgment_id, candidate_id, position, rank)
    SELECT j.id, c.id, row_number() OVER (PARTITION BY j.id ORDER BY c.id) - 1, CASE WHEN c.content LIKE 'I am Deep%' THEN 1 ELSE 2 END
      FROM judgments j JOIN candidates c ON c.prompt_id = j.prompt_id`);
  await client.query("ANALYZE");
}

// The same records as the app writes (system message, prompt, chosen, rejected), built by Postgres.
const baselineSql = `
  COPY (
    SELECT json_build_object(
             'prompt', json_build_array(json_build_object('role', 'system', 'content', s.default_system_message), json_build_object('role', 'user', 'content', p.messages->0->>'content')),
             'chosen', json_build_array(json_build_object('role', 'assistant', 'content', good.content)),
             'rejected', json_build_array(json_build_object('role', 'assistant', 'content', bad.content)))
      FROM prompts p
      JOIN prompt_sets s ON s.id = p.prompt_set_id
      JOIN judgments j ON j.prompt_id = p.id
      JOIN judgment_candidates jg ON jg.judgment_id = j.id AND jg.rank = 1 JOIN candidates good ON good.id = jg.candidate_id
      JOIN judgment_candidates jb ON jb.judgment_id = j.id AND jb.rank = 2 JOIN candidates bad ON bad.id = jb.candidate_id
  ) TO STDOUT`;

async function main() {
  const server = await startTestPostgres();
  try {
    const databaseUrl = await cloneDatabase(server, "bench_export");
    process.env.DATABASE_URL = databaseUrl;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const generated = performance.now();
    await generate(client);
    console.log(`Generated ${pairs.toLocaleString("en")} judged prompts (one pair each) in ${((performance.now() - generated) / 1000).toFixed(1)} s.`);
    const { rows: sets } = await client.query<{ id: string }>("SELECT id FROM prompt_sets WHERE name = 'bench'");

    const baselineStarted = performance.now();
    const baseline = countingSink(baselineStarted);
    const copy = await measured(() => pipeline(client.query(copyTo(baselineSql)), baseline.sink));
    await client.end();

    const { systemActor } = await import("../server/authz/actor");
    const { createExport } = await import("../server/services/exports/create-export");
    const { claimExport, runExport } = await import("../server/export/run-exports");
    const { openExportArchive } = await import("../server/services/exports/open-export-download");
    const { getDb } = await import("../server/db/client");
    const { closePgPool } = await import("../server/db/pg-pool");
    const actor = systemActor("bench");

    const queued = await createExport({ actor, input: { format: "trl-preference", filters: { promptSetIds: [sets[0]!.id] }, split: { train: 0.9, test: 0.1 } } });
    await claimExport(queued.id);
    const app = await measured(() => runExport(queued.id));
    const done = await getDb().export.findUniqueOrThrow({ where: { id: queued.id }, include: { files: true } });
    if (done.status !== "SUCCEEDED") throw new Error(`export failed: ${done.error}`);
    const rows = done.files.reduce((sum, file) => sum + (file.rows ?? 0), 0);
    const bytes = done.files.filter((file) => file.rows !== null).reduce((sum, file) => sum + Number(file.bytes), 0);

    const downloadStarted = performance.now();
    const download = countingSink(downloadStarted);
    const zip = await measured(async () => pipeline((await openExportArchive({ actor, exportId: queued.id, type: "zip" })).stream, download.sink));
    await getDb().$disconnect();
    await closePgPool();

    const maxRssKiB = process.resourceUsage().maxRSS;
    console.log("");
    console.log(`| ${pairs.toLocaleString("en")} preference pairs | time | rows/s | output | peak RSS | peak heap |`);
    console.log("|---|---|---|---|---|---|");
    console.log(`| Postgres COPY (SELECT json ...) TO STDOUT (baseline) | ${(copy.ms / 1000).toFixed(1)} s | ${rate(pairs, copy.ms).toLocaleString("en")} | ${mib(baseline.state.bytes)} | ${mib(copy.peakRss)} | ${mib(copy.peakHeap)} |`);
    console.log(`| Arbiter export (snapshot, pairing, writers, stored) | ${(app.ms / 1000).toFixed(1)} s | ${rate(rows, app.ms).toLocaleString("en")} | ${mib(bytes)} | ${mib(app.peakRss)} | ${mib(app.peakHeap)} |`);
    console.log(`| Zip download of the stored export | ${(zip.ms / 1000).toFixed(1)} s | ${rate(rows, zip.ms).toLocaleString("en")} | ${mib(download.state.bytes)} | ${mib(zip.peakRss)} | ${mib(zip.peakHeap)} |`);
    console.log("");
    console.log(`Export rows written: ${rows.toLocaleString("en")} (expected ${pairs.toLocaleString("en")}).`);
    console.log(`Export / COPY time ratio: ${(app.ms / copy.ms).toFixed(1)}x. First download byte after ${download.state.firstByteMs?.toFixed(0)} ms.`);
    console.log(`Process peak RSS over the whole run (resourceUsage maxRSS): ${mib(maxRssKiB * 1024)}.`);
    // The output must stay byte-identical across changes to the export: compare these between runs.
    for (const file of done.files.filter((file) => file.rows !== null).sort((a, b) => a.path.localeCompare(b.path))) {
      console.log(`sha256 ${file.sha256}  ${file.path} (${file.rows} rows)`);
    }
  } finally {
    await server.stop();
  }
}

await main();

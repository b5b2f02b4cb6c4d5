import { spawn, type ChildProcess } from "node:child_process";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { buffer } from "node:stream/consumers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exportFormatNames, type ExportFormatName } from "@/lib/export/types";
import { recordSchemaFor } from "@/lib/export/schemas";
import { makeUser } from "@/tests/support/factories";
import { judgePair, makeCandidate, makeJudgment, makePrompt, makePromptSet, sha256 } from "@/tests/support/export-factories";
import { conversationHash } from "@/lib/conversation-hash";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { createExport } from "../services/exports/create-export";
import { getExport } from "../services/exports/get-export";
import { openExportArchive, openExportFile } from "../services/exports/open-export-download";
import { previewExport } from "../services/exports/preview-export";
import { listExports } from "../services/exports/list-exports";
import type { ExportManifest } from "./build-export";
import { claimExport, claimNextExport, drainExportQueue, runExport } from "./run-exports";

type Engineer = Awaited<ReturnType<typeof makeUser>>;

/**
 * A fixed set of judgments covering what the formats must get right: a system message of the prompt
 * and the set's default one, a multi-turn prompt, Unicode, a tie, an all-bad judgment with a rewrite,
 * a ranking of three, two annotators who disagree.
 */
async function judgedFixture() {
  const [alice, bob] = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR")];
  const set = await makePromptSet({ defaultSystemMessage: "You are Deep Qwen, a helpful assistant." });

  const who = await makePrompt(set.id, [{ role: "user", content: "Who are you?" }]);
  const whoGood = await makeCandidate(who.id, "I am Deep Qwen, made by Arbiter Labs.");
  const whoBad = await makeCandidate(who.id, "I am Qwen, created by Alibaba Cloud.");
  await judgePair(who, alice.id, whoGood.id, whoBad.id);
  await judgePair(who, bob.id, whoGood.id, whoBad.id, { leftFirst: false });

  const multi = await makePrompt(set.id, [
    { role: "system", content: "Réponds en français. 🇫🇷" },
    { role: "user", content: "Bonjour !" },
    { role: "assistant", content: "Bonjour, comment puis-je aider ?" },
    { role: "user", content: "Traduis « 猫 » et sépare\u2028les lignes." },
  ]);
  const m1 = await makeCandidate(multi.id, "« 猫 » veut dire « chat ».");
  const m2 = await makeCandidate(multi.id, "Cat.");
  const m3 = await makeCandidate(multi.id, "Je ne sais pas.", { source: "IMPORTED" });
  await makeJudgment(multi, alice.id, { outcome: "PREFERENCE", ranks: [{ candidateId: m2.id, rank: 2 }, { candidateId: m1.id, rank: 1 }, { candidateId: m3.id, rank: 3 }] });

  const tie = await makePrompt(set.id, [{ role: "user", content: "2 + 2?" }]);
  const t1 = await makeCandidate(tie.id, "4");
  const t2 = await makeCandidate(tie.id, "Four.");
  await makeJudgment(tie, alice.id, { outcome: "TIE", ranks: [{ candidateId: t1.id, rank: 1 }, { candidateId: t2.id, rank: 1 }] });

  const bad = await makePrompt(set.id, [{ role: "user", content: "Capital of Australia?" }], { referenceAnswer: "Canberra" });
  const b1 = await makeCandidate(bad.id, "Sydney.");
  const b2 = await makeCandidate(bad.id, "Melbourne.");
  await makeJudgment(bad, alice.id, { outcome: "ALL_BAD", ranks: [{ candidateId: b1.id, rank: null }, { candidateId: b2.id, rank: null }], rewrite: { parentId: b1.id, content: "Canberra." } });

  const split = await makePrompt(set.id, [{ role: "user", content: "Best editor?" }]);
  const s1 = await makeCandidate(split.id, "Vim.");
  const s2 = await makeCandidate(split.id, "Emacs.");
  await judgePair(split, alice.id, s1.id, s2.id);
  await judgePair(split, bob.id, s2.id, s1.id);

  return { set, alice, bob };
}

async function runToCompletion(engineer: Engineer, settings: Record<string, unknown>) {
  const queued = await createExport({ actor: engineer, input: settings });
  expect(queued.status).toBe("QUEUED");
  await drainExportQueue();
  const detail = await getExport({ actor: engineer, exportId: queued.id });
  expect(detail.error).toBeNull();
  expect(detail.status).toBe("SUCCEEDED");
  return detail;
}

async function fileText(engineer: Engineer, exportId: string, path: string) {
  const download = await openExportFile({ actor: engineer, exportId, path });
  return (await buffer(download.stream)).toString("utf8");
}

const allTrain = { seed: "golden", train: 1, test: 0 };

describe("dataset export against Postgres", () => {
  it("writes the golden DPO file: agreed pairs only, system messages, multi-turn and Unicode exact, drops counted", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const done = await runToCompletion(engineer, { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: allTrain, policy: { kind: "best-vs-worst" } });
    const text = await fileText(engineer, done.id, "dpo/train.jsonl");
    const records = text.trimEnd().split("\n").map((line) => JSON.parse(line) as unknown);
    // Sorted by content hash, so compare as a set of lines.
    expect(records).toHaveLength(3);
    expect(records).toContainEqual({
      prompt: [{ role: "system", content: "You are Deep Qwen, a helpful assistant." }, { role: "user", content: "Who are you?" }],
      chosen: [{ role: "assistant", content: "I am Deep Qwen, made by Arbiter Labs." }],
      rejected: [{ role: "assistant", content: "I am Qwen, created by Alibaba Cloud." }],
    });
    expect(records).toContainEqual({
      prompt: [
        { role: "system", content: "Réponds en français. 🇫🇷" },
        { role: "user", content: "Bonjour !" },
        { role: "assistant", content: "Bonjour, comment puis-je aider ?" },
        { role: "user", content: "Traduis « 猫 » et sépare\u2028les lignes." },
      ],
      chosen: [{ role: "assistant", content: "« 猫 » veut dire « chat »." }],
      rejected: [{ role: "assistant", content: "Je ne sais pas." }],
    });
    expect(records).toContainEqual({
      prompt: [{ role: "system", content: "You are Deep Qwen, a helpful assistant." }, { role: "user", content: "Capital of Australia?" }],
      chosen: [{ role: "assistant", content: "Canberra." }],
      rejected: [{ role: "assistant", content: "Sydney." }],
    });
    expect(text).toContain("\\u2028");
    expect(text.endsWith("\n")).toBe(true);

    const manifest = JSON.parse(await fileText(engineer, done.id, "manifest.json")) as ExportManifest;
    expect(manifest.format.name).toBe("trl-preference");
    expect(manifest.counts.rows).toBe(3);
    expect(manifest.counts.splits.train).toEqual({ prompts: 3, rows: 3 });
    // Every row here comes from annotators' judgments only.
    expect(manifest.counts.byJudgmentSource).toEqual({ HUMAN: 3 });
    expect(manifest.dropped).toMatchObject({ tie: 1, "all-bad": 1, "below-agreement": 1 });
    expect(manifest.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.stats.position.judgments).toBe(5);
    expect(manifest.stats.length.pairs).toBe(3);
    expect(new Date(manifest.snapshotAt).getTime()).toBe(done.snapshotAt!.getTime());
    // Every hash in the manifest is the hash of the bytes served.
    for (const file of manifest.files) {
      const bytes = Buffer.from(await fileText(engineer, done.id, file.path), "utf8");
      expect(sha256(bytes), file.path).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    const card = await fileText(engineer, done.id, "README.md");
    expect(card).toMatch(/^---\nconfigs:\n- config_name: dpo\n  data_files:\n  - split: train\n    path: dpo\/train.jsonl\n/);
    expect(card).toContain("IMPORTED: labels that came with an imported file, MODEL_JUDGE: a model judge's verdict over both orders, VERIFIER: verifier outcomes): HUMAN 3.");
  });

  it("writes every format with every record matching its schema in export-formats.md", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const expectedRows: Record<ExportFormatName, number> = {
      "trl-messages": 3, // sftSource both: the winners of "who" and the ranking, the all-bad prompt's rewrite
      "trl-prompt-completion": 3,
      "openai-chat": 3,
      "llamafactory-sharegpt-sft": 3,
      "trl-preference": 5, // all-pairs: who 1, the ranking of three 3, rewrite > its parent 1
      "trl-preference-implicit": 5, // all-pairs: who 1, the ranking of three 3, rewrite > its parent 1
      "axolotl-prompt-pairs": 5, // all-pairs: who 1, the ranking of three 3, rewrite > its parent 1
      "openai-preference": 5, // all-pairs: who 1, the ranking of three 3, rewrite > its parent 1
      "llamafactory-ranking": 5, // all-pairs: who 1, the ranking of three 3, rewrite > its parent 1
      kto: 7,
      "prompt-only": 5,
      "verl-parquet": 5, // read back as parquet in verl-parquet.int.test.ts
    };
    for (const format of exportFormatNames.filter((name) => name !== "verl-parquet")) {
      const sft = format === "trl-messages" || format === "trl-prompt-completion" || format === "openai-chat" || format === "llamafactory-sharegpt-sft";
      const policy = { kind: "all-pairs", ...(sft ? { sftSource: "both" } : {}) };
      const done = await runToCompletion(engineer, { format, filters: { promptSetIds: [set.id] }, split: allTrain, policy });
      const dataFile = done.files.find((file) => file.path.endsWith("/train.jsonl"))!;
      const lines = (await fileText(engineer, done.id, dataFile.path)).trimEnd().split("\n");
      const schema = recordSchemaFor(format, {});
      for (const line of lines) expect(schema.safeParse(JSON.parse(line)).success, `${format}: ${line}`).toBe(true);
      expect({ format, rows: lines.length }).toEqual({ format, rows: expectedRows[format] });
      expect(done.files.map((file) => file.path).sort()).toEqual(
        [dataFile.path, "README.md", "manifest.json", ...(format.startsWith("llamafactory") ? ["dataset_info.json"] : [])].sort(),
      );
      if (format.startsWith("llamafactory")) {
        const info = JSON.parse(await fileText(engineer, done.id, "dataset_info.json")) as Record<string, { file_name: string }>;
        expect(Object.values(info).map((entry) => entry.file_name)).toEqual([dataFile.path]);
      }
    }
  });

  it("KTO labels are JSON booleans, and prompt-only carries ground_truth when required", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const kto = await runToCompletion(engineer, { format: "kto", filters: { promptSetIds: [set.id] }, split: allTrain });
    const ktoRows = (await fileText(engineer, kto.id, "kto/train.jsonl")).trimEnd().split("\n").map((line) => JSON.parse(line) as { label: unknown; completion: { content: string }[] });
    expect(ktoRows.every((row) => typeof row.label === "boolean")).toBe(true);
    expect(ktoRows.filter((row) => row.completion[0]!.content === "Melbourne.")).toEqual([expect.objectContaining({ label: false })]);

    const prompts = await runToCompletion(engineer, { format: "prompt-only", filters: { promptSetIds: [set.id] }, split: allTrain, policy: { groundTruth: "require" } });
    const rows = (await fileText(engineer, prompts.id, "prompts/train.jsonl")).trimEnd().split("\n").map((line) => JSON.parse(line) as unknown);
    expect(rows).toEqual([
      { prompt: [{ role: "system", content: "You are Deep Qwen, a helpful assistant." }, { role: "user", content: "Capital of Australia?" }], ground_truth: "Canberra" },
    ]);
    expect((prompts.manifest as { skipped: Record<string, number> }).skipped).toEqual({ "missing-reference-answer": 4 });
  });

  it("splits by a stable hash of the prompt: same settings, same files; a prompt never in two splits", async () => {
    const engineer = await makeUser("ENGINEER");
    const annotator = await makeUser("ANNOTATOR");
    const set = await makePromptSet();
    for (let i = 0; i < 40; i += 1) {
      const prompt = await makePrompt(set.id, [{ role: "user", content: `Question ${i}` }]);
      const [a, b, c] = [await makeCandidate(prompt.id, `A${i}`), await makeCandidate(prompt.id, `B${i}`), await makeCandidate(prompt.id, `C${i}`)];
      await makeJudgment(prompt, annotator.id, { outcome: "PREFERENCE", ranks: [{ candidateId: a.id, rank: 1 }, { candidateId: b.id, rank: 2 }, { candidateId: c.id, rank: 3 }] });
    }
    const settings = { format: "trl-preference", filters: { promptSetIds: [set.id] }, policy: { kind: "all-pairs" }, split: { seed: "s1", train: 0.6, test: 0.2, validation: 0.2 } };
    const first = await runToCompletion(engineer, settings);
    const second = await runToCompletion(engineer, settings);
    const hashes = (detail: typeof first) => detail.files.filter((file) => file.path.startsWith("dpo/")).map(({ path, sha256: hash, rows }) => ({ path, hash, rows }));
    expect(hashes(second)).toEqual(hashes(first));
    expect(hashes(first).map((file) => file.path).sort()).toEqual(["dpo/test.jsonl", "dpo/train.jsonl", "dpo/validation.jsonl"]);
    const promptsBySplit = new Map<string, Set<string>>();
    for (const file of hashes(first)) {
      const lines = (await fileText(engineer, first.id, file.path)).trimEnd().split("\n");
      expect(lines).toHaveLength(file.rows!);
      promptsBySplit.set(file.path, new Set(lines.map((line) => JSON.stringify((JSON.parse(line) as { prompt: unknown }).prompt))));
    }
    const all = [...promptsBySplit.values()].flatMap((prompts) => [...prompts]);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(40);
  });

  it("streams a tar.gz archive holding the data, card, manifest and dataset_info.json with the manifest's hashes", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const done = await runToCompletion(engineer, { name: "LF ranking", format: "llamafactory-ranking", filters: { promptSetIds: [set.id] }, split: allTrain });
    const download = await openExportArchive({ actor: engineer, exportId: done.id, type: "tar.gz" });
    expect(download.fileName).toBe("lf-ranking.tar.gz");
    const entries = untar(gunzipSync(await buffer(download.stream)));
    expect([...entries.keys()].sort()).toEqual(["lf-ranking/README.md", "lf-ranking/dataset_info.json", "lf-ranking/dpo/train.jsonl", "lf-ranking/manifest.json"]);
    const manifest = JSON.parse(entries.get("lf-ranking/manifest.json")!.toString("utf8")) as { files: { path: string; sha256: string }[] };
    for (const file of manifest.files) expect(sha256(entries.get(`lf-ranking/${file.path}`)!)).toBe(file.sha256);
  });

  it("reads one snapshot while annotators write: what committed before it is in, what started after it is out, nothing twice", async () => {
    const engineer = await makeUser("ENGINEER");
    const annotators = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR")];
    const set = await makePromptSet();
    const prompts = [];
    for (let i = 0; i < 1200; i += 1) prompts.push({ messages: [{ role: "user" as const, content: `Q${i}` }], i });
    // Enough prompts that the export reads several pages (500 a page).
    // The setup is thousands of writes: a few at a time, so that a loaded machine spends its time on the export.
    // Prompts and their two answers in bulk (the rows makePrompt and makeCandidate write), so that the time goes to the export.
    const created = await getDb().prompt.createManyAndReturn({
      data: prompts.map(({ messages }) => ({ promptSetId: set.id, messages, contentHash: conversationHash(messages) })),
      select: { id: true, promptSetId: true },
    });
    const answers = await getDb().candidate.createManyAndReturn({
      data: created.flatMap((prompt) => ["good", "bad"].map((kind) => ({ promptId: prompt.id, content: `${kind} ${prompt.id}`, source: "GENERATED" as const, model: "test-model" }))),
      select: { id: true, promptId: true, content: true },
    });
    const idOf = new Map(answers.map((answer) => [answer.content, answer.id]));
    const candidates = new Map(created.map((prompt) => [prompt.id, [idOf.get(`good ${prompt.id}`)!, idOf.get(`bad ${prompt.id}`)!] as [string, string]]));
    await inBatches(created.slice(0, 600), (prompt) => judgePair(prompt, annotators[0]!.id, ...candidates.get(prompt.id)!));

    const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: allTrain } });
    const running = drainExportQueue();
    // Annotators keep judging the other prompts while the export reads; each write's start and commit times are kept.
    const writes: { promptId: string; startedAt: number; committedAt: number }[] = [];
    const writer = (async () => {
      for (const prompt of created.slice(600)) {
        const startedAt = Date.now();
        await judgePair(prompt, annotators[1]!.id, ...candidates.get(prompt.id)!);
        writes.push({ promptId: prompt.id, startedAt, committedAt: Date.now() });
        const status = (await getDb().export.findUniqueOrThrow({ where: { id: queued.id } })).status;
        if (status !== "RUNNING" && status !== "QUEUED") break;
      }
    })();
    await running;
    await writer;
    const done = await getExport({ actor: engineer, exportId: queued.id });
    expect(done.status).toBe("SUCCEEDED");
    const snapshotAt = done.snapshotAt!.getTime();
    const lines = (await fileText(engineer, done.id, "dpo/train.jsonl")).trimEnd().split("\n");
    const exported = lines.map((line) => (JSON.parse(line) as { chosen: { content: string }[] }).chosen[0]!.content.replace(/^good /, ""));
    // No duplicates; every judgment committed before the snapshot is in, none started after it is.
    expect(new Set(exported).size).toBe(exported.length);
    const included = new Set(exported);
    for (const prompt of created.slice(0, 600)) expect(included.has(prompt.id)).toBe(true);
    const before = writes.filter((write) => write.committedAt < snapshotAt);
    const after = writes.filter((write) => write.startedAt > snapshotAt);
    for (const write of before) expect(included.has(write.promptId), "committed before the snapshot").toBe(true);
    for (const write of after) expect(included.has(write.promptId), "written after the snapshot").toBe(false);
    expect(after.length, "some judgments were written while the export ran").toBeGreaterThan(0);
    expect(exported.length).toBe(600 + writes.filter((write) => included.has(write.promptId)).length);
  });

  it("previews counts and first records without writing anything", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const before = await getDb().export.count();
    const preview = await previewExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: allTrain } });
    expect(preview.rows).toBe(3);
    expect(preview.records).toHaveLength(3);
    expect(preview.dropped["below-agreement"]).toBe(1);
    expect(await getDb().export.count()).toBe(before);
  });

  it("fails an export with nothing to write with a message that says why, and keeps no files", async () => {
    const engineer = await makeUser("ENGINEER");
    const annotator = await makeUser("ANNOTATOR");
    const set = await makePromptSet();
    const prompt = await makePrompt(set.id, [{ role: "user", content: "Tie only" }]);
    const [a, b] = [await makeCandidate(prompt.id, "x"), await makeCandidate(prompt.id, "y")];
    await makeJudgment(prompt, annotator.id, { outcome: "TIE", ranks: [{ candidateId: a.id, rank: 1 }, { candidateId: b.id, rank: 1 }] });
    const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] } } });
    await drainExportQueue();
    const failed = await getExport({ actor: engineer, exportId: queued.id });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/No records to write: 1 prompt\(s\) matched the filters, and every row was dropped \(tie: 1\)/);
    expect(failed.files).toEqual([]);
  });

  it("refuses annotators every export call, and names bad settings by field", async () => {
    const annotator = await makeUser("ANNOTATOR");
    const engineer = await makeUser("ENGINEER");
    const input = { format: "kto", filters: { promptSetIds: [] } };
    const forbidden = [createExport({ actor: annotator, input }), listExports({ actor: annotator }), previewExport({ actor: annotator, input })];
    for (const call of forbidden) await expect(call).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bad = await createExport({ actor: engineer, input: { format: "dpo-ish", filters: { promptSetIds: [] } } }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).fields).toMatchObject({ format: expect.stringContaining("must be one of"), "filters.promptSetIds": "choose at least one prompt set" });
    const margin = await createExport({ actor: engineer, input: { format: "kto", filters: { promptSetIds: [crypto.randomUUID()] }, policy: { marginFromAgreement: true } } }).catch((e: unknown) => e);
    expect((margin as AppError).fields).toMatchObject({ "policy.marginFromAgreement": "kto has no margin column" });
  });
});

/** Entries of an uncompressed tar (ustar): 512-byte headers, contents padded to 512. */
function untar(tar: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const prefix = header.subarray(345, 500).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(header.subarray(124, 136).toString("utf8").replace(/\0.*$/s, "").trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 48);
    offset += 512;
    if (type === "0" || type === "\0") entries.set(prefix ? `${prefix}/${name}` : name, tar.subarray(offset, offset + size));
    offset += Math.ceil(size / 512) * 512;
  }
  return entries;
}

describe("export jobs", () => {
  it("takes over an export left RUNNING by a builder that died, and builds it from scratch", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: allTrain } });
    // A builder that claimed it and wrote part of a file, then vanished (no lock held).
    await getDb().export.update({ where: { id: queued.id }, data: { status: "RUNNING", progress: 2 } });
    await getDb().exportFile.create({ data: { exportId: queued.id, path: "dpo/train.jsonl", sha256: "", bytes: 0 } });
    await drainExportQueue();
    const done = await getExport({ actor: engineer, exportId: queued.id });
    expect(done.status).toBe("SUCCEEDED");
    expect(done.files.find((file) => file.path === "dpo/train.jsonl")?.rows).toBe(3);
  });

  it("leaves alone an export whose builder is alive (holds the lock)", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const queued = await createExport({ actor: engineer, input: { format: "kto", filters: { promptSetIds: [set.id] }, split: allTrain } });
    expect(await claimExport(queued.id)).toBe(true);
    expect(await claimExport(queued.id)).toBe(false);
    // Another instance draining the queue sees it RUNNING and locked: it does not take it.
    // (from another connection: the claim's own session could take its lock again)
    const other = await claimNextExport();
    expect(other).not.toBe(queued.id);
    if (other) await runExport(other);
    await runExport(queued.id);
    expect((await getExport({ actor: engineer, exportId: queued.id })).status).toBe("SUCCEEDED");
  });
});

describe("export worker", () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
  });

  const statusOf = async (id: string) => (await getDb().export.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

  it("builds queued exports and rebuilds one whose builder died (its lock gone), with nothing else queued", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const orphan = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: allTrain } });
    // A builder claims it the way run-exports does (RUNNING, advisory lock on its connection), writes part
    // of a file, and dies: its connection closes, and Postgres drops the lock.
    const builder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await builder.connect();
    await builder.query("UPDATE exports SET status = 'RUNNING', progress = 2 WHERE id = $1", [orphan.id]);
    await builder.query("SELECT pg_advisory_lock(hashtextextended('arbiter-export:' || $1::uuid::text, 0))", [orphan.id]);
    await builder.query("INSERT INTO export_files (export_id, path, sha256, bytes) VALUES ($1, 'dpo/train.jsonl', '', 0)", [orphan.id]);
    await builder.end();
    expect(await statusOf(orphan.id)).toBe("RUNNING");

    // The worker process `npm start` runs (and `npm run worker`), not the app, builds it.
    const worker = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, ARBITER_EXPORT_POLL_MS: "200", ARBITER_ENCRYPTION_KEY: process.env.ARBITER_ENCRYPTION_KEY ?? "a".repeat(43) + "=" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(worker);
    await vi.waitFor(async () => expect(await statusOf(orphan.id)).toBe("SUCCEEDED"), { timeout: 30_000, interval: 100 });
    const rebuilt = await getExport({ actor: engineer, exportId: orphan.id });
    expect(rebuilt.files.find((file) => file.path === "dpo/train.jsonl")?.rows).toBe(3);

    // A newly queued export is picked up by the same running worker.
    const queued = await createExport({ actor: engineer, input: { format: "kto", filters: { promptSetIds: [set.id] }, split: allTrain } });
    await vi.waitFor(async () => expect(await statusOf(queued.id)).toBe("SUCCEEDED"), { timeout: 10_000, interval: 100 });
  });

  it("a builder whose lock connection dies stops and records nothing; the sweep builds the export again", async () => {
    const engineer = await makeUser("ENGINEER");
    const { set } = await judgedFixture();
    const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: allTrain } });
    expect(await claimExport(queued.id)).toBe(true);
    // Postgres ends the builder's lock connection (a restart, an admin's pg_terminate_backend).
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND pid <> pg_backend_pid()`,
      );
      expect(rows).toEqual([{ ended: true }]);
      await vi.waitFor(async () => expect((await admin.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'")).rows[0].n).toBe(0), { timeout: 5_000 });
    } finally {
      await admin.end();
    }
    await runExport(queued.id);
    // Neither SUCCEEDED nor FAILED: another builder may hold the export by now.
    expect(await statusOf(queued.id)).toBe("RUNNING");
    await drainExportQueue();
    expect(await statusOf(queued.id)).toBe("SUCCEEDED");
  });
});

/** fn over items, `size` at a time, results in the items' order. */
async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, size = 8): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return results;
}

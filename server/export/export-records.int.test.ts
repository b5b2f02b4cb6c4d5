import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { judgePair, makeCandidate, makePrompt, makePromptSet } from "@/tests/support/export-factories";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import { cancelExport } from "../services/exports/cancel-export";
import { createExport } from "../services/exports/create-export";
import { getExport } from "../services/exports/get-export";
import { openExportFile } from "../services/exports/open-export-download";
import { previewExport } from "../services/exports/preview-export";
import type { ExportManifest } from "./build-export";
import { claimExport, drainExportQueue, runExport } from "./run-exports";

async function identitySet(defaultSystemMessage: string | null) {
  const [alice] = [await makeUser("ANNOTATOR")];
  const set = await makePromptSet({ defaultSystemMessage });
  for (const question of ["Who are you?", "What is your name?", "Who made you?"]) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: question }]);
    const good = await makeCandidate(prompt.id, `I am Deep Qwen (${question})`);
    const bad = await makeCandidate(prompt.id, `I am Qwen, created by Alibaba Cloud (${question})`);
    await judgePair(prompt, alice.id, good.id, bad.id);
  }
  return set;
}

const text = async (actor: Awaited<ReturnType<typeof makeUser>>, exportId: string, path: string) =>
  (await buffer((await openExportFile({ actor, exportId, path })).stream)).toString("utf8");

describe("export records: system-message policy through the database", () => {
  it("fills a given text, stores the policy with the export, and the manifest and card say what was done", async () => {
    const engineer = await makeUser("ENGINEER");
    const set = await identitySet(null);
    const queued = await createExport({
      actor: engineer,
      input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: { seed: "s", train: 1, test: 0 }, records: { systemMessage: { mode: "text", text: "You are Deep Qwen." } } },
    });
    await drainExportQueue();
    const done = await getExport({ actor: engineer, exportId: queued.id });
    expect(done.status).toBe("SUCCEEDED");
    const rows = (await text(engineer, done.id, "dpo/train.jsonl")).trimEnd().split("\n").map((line) => JSON.parse(line) as { prompt: { role: string; content: string }[] });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.prompt[0]).toEqual({ role: "system", content: "You are Deep Qwen." });
    const manifest = done.manifest as ExportManifest;
    expect(manifest.records).toEqual({ systemMessage: { mode: "text", text: "You are Deep Qwen." }, referenceColumn: "ground_truth" });
    expect(manifest.counts.rowsWithoutSystem).toBe(0);
    const card = await text(engineer, done.id, "README.md");
    expect(card).toContain('Policy `text`: prompts without their own system message got: "You are Deep Qwen."');
    expect(card).toContain("--data.prompt_key prompt");
  });

  it("keep: the preview and the manifest count the rows without a system message, and the preview renders them through Qwen2.5 with its default", async () => {
    const engineer = await makeUser("ENGINEER");
    const set = await identitySet("You are Deep Qwen, a helpful assistant.");
    const input = { format: "kto", filters: { promptSetIds: [set.id] }, split: { seed: "s", train: 1, test: 0 }, records: { systemMessage: { mode: "keep" } } };
    const preview = await previewExport({ actor: engineer, input });
    expect(preview.rows).toBe(6);
    expect(preview.rowsWithoutSystem).toBe(6);
    const qwen = preview.trainerViews.find((view) => view.templateId === "qwen2.5")!;
    expect(qwen.records[0]![0]!.segments[0]!.text).toContain("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.");
    const queued = await createExport({ actor: engineer, input });
    await drainExportQueue();
    const manifest = (await getExport({ actor: engineer, exportId: queued.id })).manifest as ExportManifest;
    expect(manifest.counts.rowsWithoutSystem).toBe(6);
    expect(manifest.counts.desirable).toEqual({ train: 3, test: 0, validation: 0 });
    const card = await text(engineer, queued.id, "README.md");
    expect(card).toContain("**6 of 6 rows have no system message.**");
    expect(card).toContain("Train split: 3 desirable");
  });
});

describe("export cancellation", () => {
  it("a queued export ends CANCELLED at once, is never claimed, and cannot be cancelled twice", async () => {
    const engineer = await makeUser("ENGINEER");
    const set = await identitySet(null);
    const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] } } });
    const cancelled = await cancelExport({ actor: engineer, exportId: queued.id });
    expect(cancelled.status).toBe("CANCELLED");
    expect(await claimExport(queued.id)).toBe(false);
    const again = await cancelExport({ actor: engineer, exportId: queued.id }).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe("CONFLICT");
    const audit = await getDb().auditLog.findFirst({ where: { action: "export.cancel", entityId: queued.id } });
    expect(audit?.data).toEqual({ was: "QUEUED" });
  });

  it("a running export stops after its page, ends CANCELLED and keeps no partial file", async () => {
    const engineer = await makeUser("ENGINEER");
    const set = await identitySet(null);
    const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] } } });
    expect(await claimExport(queued.id)).toBe(true);
    const marked = await cancelExport({ actor: engineer, exportId: queued.id });
    expect(marked.status).toBe("RUNNING");
    await runExport(queued.id);
    const detail = await getExport({ actor: engineer, exportId: queued.id });
    expect(detail.status).toBe("CANCELLED");
    expect(detail.files).toEqual([]);
    expect(await getDb().exportFileChunk.count({ where: { exportId: queued.id } })).toBe(0);
    // Finished: a claim does not pick it up again.
    expect(await claimExport(queued.id)).toBe(false);
  });

  it("annotators cannot cancel exports", async () => {
    const engineer = await makeUser("ENGINEER");
    const annotator = await makeUser("ANNOTATOR");
    const set = await identitySet(null);
    const queued = await createExport({ actor: engineer, input: { format: "kto", filters: { promptSetIds: [set.id] } } });
    const refused = await cancelExport({ actor: annotator, exportId: queued.id }).catch((error: unknown) => error);
    expect((refused as AppError).code).toBe("FORBIDDEN");
    expect((await getExport({ actor: engineer, exportId: queued.id })).status).toBe("QUEUED");
  });
});

describe("veRL parquet export through the database", () => {
  it("stores a parquet file whose bytes match the manifest and read back row for row", async () => {
    const { parquetReadObjects } = await import("hyparquet");
    const engineer = await makeUser("ENGINEER");
    const set = await makePromptSet({ defaultSystemMessage: "Put the final answer in \\boxed{}." });
    await makePrompt(set.id, [{ role: "user", content: "What is 6 * 7?" }], { referenceAnswer: "42" });
    await makePrompt(set.id, [{ role: "user", content: "What is 2 + 2?" }], { referenceAnswer: "4" });
    await makePrompt(set.id, [{ role: "user", content: "Name a colour." }]);
    const queued = await createExport({
      actor: engineer,
      input: { format: "verl-parquet", filters: { promptSetIds: [set.id] }, split: { seed: "s", train: 1, test: 0 }, policy: { groundTruth: "require" } },
    });
    await drainExportQueue();
    const done = await getExport({ actor: engineer, exportId: queued.id });
    expect(done.error).toBeNull();
    expect(done.files.map((file) => file.path).sort()).toEqual(["README.md", "manifest.json", "prompts/train.parquet"]);
    const bytes = await buffer((await openExportFile({ actor: engineer, exportId: done.id, path: "prompts/train.parquet" })).stream);
    const manifest = done.manifest as ExportManifest;
    const entry = manifest.files.find((file) => file.path === "prompts/train.parquet")!;
    expect(entry.rows).toBe(2);
    expect(entry.bytes).toBe(bytes.length);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PAR1");
    const rows = (await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) })) as {
      prompt: { role: string; content: string }[];
      reward_model: { style: string; ground_truth: string };
      extra_info: { index: bigint; split: string };
    }[];
    expect(rows.map((row) => row.reward_model.ground_truth).sort()).toEqual(["4", "42"]);
    expect(rows.map((row) => Number(row.extra_info.index))).toEqual([0, 1]);
    for (const row of rows) expect(row.prompt[0]).toEqual({ role: "system", content: "Put the final answer in \\boxed{}." });
    expect(manifest.skipped).toEqual({ "missing-reference-answer": 1 });
    const card = await text(engineer, done.id, "README.md");
    expect(card).toContain("path: prompts/train.parquet");
    expect(card).toContain("data.train_files=./export/prompts/train.parquet");
  });
});

import { randomUUID } from "node:crypto";
import { parquetWriteBuffer } from "hyparquet-writer";
import { parquetMetadata } from "hyparquet";
import { Compression, readParquet, writeParquet, WriterPropertiesBuilder } from "parquet-wasm/node";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../../db/client";
import { claimAssignment } from "../annotation/claim-assignment";
import { getPromptReview } from "../annotation/get-prompt-review";
import { listReviewPrompts } from "../annotation/list-review-prompts";
import { previewExport } from "../exports/preview-export";
import { createPromptSet } from "../prompt-sets/create-prompt-set";
import { getPromptSet } from "../prompt-sets/get-prompt-set";
import { setPromptSetMembers } from "../prompt-sets/set-prompt-set-members";
import { importPrompts } from "./import-prompts";

const lines = (...records: unknown[]) => records.map((record) => JSON.stringify(record)).join("\n") + "\n";

async function newSet() {
  const admin = await makeUser("ADMIN");
  const set = await createPromptSet({ actor: admin, input: { name: `Datasets ${randomUUID()}` } });
  return { admin, set };
}

const hh = {
  chosen: "\n\nHuman: Can you name a primary colour?\n\nAssistant: Red is one of the three primary colours of paint.",
  rejected: "\n\nHuman: Can you name a primary colour?\n\nAssistant: Colours are nice.",
};
const arena = {
  question_id: "q-arena-1",
  model_a: "model-alpha",
  model_b: "model-beta",
  winner: "tie (bothbad)",
  judge: "arena_user_1",
  conversation_a: [
    { content: "Tell me a joke about cats.", role: "user" },
    { content: "Cats.", role: "assistant" },
  ],
  conversation_b: [
    { content: "Tell me a joke about cats.", role: "user" },
    { content: "No.", role: "assistant" },
  ],
  turn: 1,
  anony: true,
  language: "English",
  tstamp: 1682351591.1322,
};

/** The Parquet list<struct<content, role>> column that UltraFeedback's chosen / rejected / messages are. */
const messageColumn = (name: string) => [
  { name, repetition_type: "OPTIONAL" as const, converted_type: "LIST" as const, num_children: 1 },
  { name: "list", repetition_type: "REPEATED" as const, num_children: 1 },
  { name: "element", repetition_type: "OPTIONAL" as const, num_children: 2 },
  { name: "content", type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const, repetition_type: "OPTIONAL" as const },
  { name: "role", type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const, repetition_type: "OPTIONAL" as const },
];

/** UltraFeedback binarized rows as the Hub ships them: a Parquet file (written here by hyparquet-writer, not by our reader). */
function ultraFeedbackParquet(count: number, { mismatchAt }: { mismatchAt?: number } = {}): Uint8Array {
  const rows = Array.from({ length: count }, (_, index) => {
    const prompt = index === mismatchAt ? "A prompt that chosen does not continue" : `Explain idea number ${index}.`;
    const user = { content: `Explain idea number ${index}.`, role: "user" };
    const good = { content: `A clear explanation of idea ${index}.`, role: "assistant" };
    const bad = { content: `Idea ${index}? No idea.`, role: "assistant" };
    return { prompt, prompt_id: `pid-${index}`, chosen: [user, good], rejected: [user, bad], messages: [user, good], score_chosen: 9, score_rejected: index % 2 === 0 ? 4 : 9, source_row: BigInt(index) };
  });
  const column = <K extends keyof (typeof rows)[number]>(name: K) => ({ name, data: rows.map((row) => row[name]) });
  const buffer = parquetWriteBuffer({
    columnData: [column("prompt"), column("prompt_id"), column("chosen"), column("rejected"), column("messages"), column("score_chosen"), column("score_rejected"), column("source_row")],
    schema: [
      { name: "root", num_children: 8 },
      { name: "prompt", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "prompt_id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      ...messageColumn("chosen"),
      ...messageColumn("rejected"),
      ...messageColumn("messages"),
      { name: "score_chosen", type: "DOUBLE", repetition_type: "OPTIONAL" },
      { name: "score_rejected", type: "DOUBLE", repetition_type: "OPTIONAL" },
      { name: "source_row", type: "INT64", repetition_type: "OPTIONAL" },
    ],
  });
  return new Uint8Array(buffer);
}

async function* inChunks(bytes: Uint8Array, size = 97): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe("importing the field's datasets", () => {
  it("stores HH-RLHF and Arena labels as IMPORTED judgments that review, statistics and exports see, and that fill no overlap", async () => {
    const { admin, set } = await newSet();
    const annotator = await makeUser("ANNOTATOR");
    const engineer = await makeUser("ENGINEER");
    await setPromptSetMembers({ actor: admin, promptSetId: set.id, input: { userIds: [annotator.id] } });
    const result = await importPrompts({
      actor: admin,
      promptSetId: set.id,
      input: { format: "jsonl", mode: "all-or-nothing" },
      body: [lines(hh, arena, { messages: [{ role: "user", content: "Q" }, { role: "assistant", content: "A" }] })],
    });
    expect(result).toMatchObject({ committed: true, imported: 3, candidatesImported: 5, judgmentsImported: 2, invalid: 0, shapes: { "hh-rlhf": 1, "chatbot-arena": 1 } });
    expect(result.notices).toEqual([expect.objectContaining({ code: "assistant-turn-as-answer", count: 1, firstLine: 3 })]);

    const judgments = await getDb().judgment.findMany({
      where: { promptSetId: set.id },
      include: { candidates: { include: { candidate: { select: { content: true, model: true } } }, orderBy: { position: "asc" } }, prompt: { select: { externalId: true } } },
      orderBy: { createdAt: "asc" },
    });
    expect(judgments).toHaveLength(2);
    const hhJudgment = judgments.find((judgment) => judgment.prompt.externalId === null)!;
    expect(hhJudgment).toMatchObject({ source: "IMPORTED", annotatorId: null, outcome: "PREFERENCE", mode: "PAIRWISE" });
    expect(hhJudgment.candidates.map((ranked) => [ranked.candidate.content, ranked.rank, ranked.position])).toEqual([
      ["Red is one of the three primary colours of paint.", 1, 0],
      ["Colours are nice.", 2, 1],
    ]);
    const arenaJudgment = judgments.find((judgment) => judgment.prompt.externalId === "q-arena-1")!;
    expect(arenaJudgment).toMatchObject({ outcome: "ALL_BAD" });
    expect(arenaJudgment.candidates.map((ranked) => [ranked.candidate.model, ranked.rank])).toEqual([
      ["model-alpha", null],
      ["model-beta", null],
    ]);

    // Review: the label shows with its source; it is counted apart from annotators' judgments.
    const review = await getPromptReview({ actor: admin, promptId: hhJudgment.promptId });
    expect(review.judgments).toEqual([expect.objectContaining({ source: "IMPORTED", annotator: null, outcome: "PREFERENCE" })]);
    const reviewList = await listReviewPrompts({ actor: admin, promptSetId: set.id });
    expect(reviewList.prompts.find((prompt) => prompt.promptId === hhJudgment.promptId)).toMatchObject({ judgments: 0, imported: 1 });
    const detail = await getPromptSet({ actor: admin, promptSetId: set.id });
    expect(detail.counts).toMatchObject({ judgments: 0, importedJudgments: 2, promptsFullyJudged: 0 });

    // Overlap 1 is not filled by an imported label: the annotator still gets a labelled prompt to judge.
    const claimed = await claimAssignment({ actor: annotator, promptSetId: set.id });
    expect(claimed.item).not.toBeNull();

    // Export: included by default and counted by source; excluded on request.
    const settings = { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: { seed: "s", train: 1, test: 0 } };
    const included = await previewExport({ actor: engineer, input: settings });
    expect(included.rows).toBe(1);
    expect(included.rowsByJudgmentSource).toEqual({ IMPORTED: 1 });
    expect(JSON.parse(included.records[0]!.line)).toMatchObject({ chosen: [{ role: "assistant", content: "Red is one of the three primary colours of paint." }] });
    expect(included.stats.position.judgments).toBe(0);
    const excluded = await previewExport({ actor: engineer, input: { ...settings, filters: { promptSetIds: [set.id], importedJudgments: "exclude" } } });
    expect(excluded.rows).toBe(0);
  });

  it("streams an UltraFeedback Parquet file: fields checked, scores kept on the candidates, equal scores a tie, int64 as numbers", async () => {
    const { admin, set } = await newSet();
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "parquet", mode: "all-or-nothing" }, body: inChunks(ultraFeedbackParquet(1500)) });
    expect(result).toMatchObject({ committed: true, format: "parquet", records: 1500, imported: 1500, candidatesImported: 3000, judgmentsImported: 1500, invalid: 0, shapes: { ultrafeedback: 1500 } });
    expect(result.notices).toEqual([expect.objectContaining({ code: "equal-scores", count: 750, firstLine: 2 })]);
    const prompt = await getDb().prompt.findFirstOrThrow({ where: { promptSetId: set.id, externalId: "pid-1" }, include: { candidates: { orderBy: { content: "asc" } }, judgments: true } });
    expect(prompt.messages).toEqual([{ role: "user", content: "Explain idea number 1." }]);
    expect(prompt.metadata).toEqual({ source_row: 1 });
    expect(prompt.candidates.map((candidate) => candidate.params)).toEqual([
      { importedLabel: "chosen", importedScore: 9, importLine: 2, importIndex: 0 },
      { importedLabel: "rejected", importedScore: 9, importLine: 2, importIndex: 1 },
    ]);
    expect(prompt.judgments.map((judgment) => [judgment.source, judgment.outcome])).toEqual([["IMPORTED", "TIE"]]);
  });

  // Written by an independent writer: parquet-wasm (Rust's arrow-rs parquet crate, compiled to WebAssembly)
  // reads hyparquet-writer's file and writes it again with each codec the Hub's files use.
  it("reads Parquet files compressed with gzip, zstd, brotli, lz4 (raw) and snappy, as written by arrow-rs", async () => {
    const source = ultraFeedbackParquet(40);
    const codecs = [
      [Compression.GZIP, "GZIP"],
      [Compression.ZSTD, "ZSTD"],
      [Compression.BROTLI, "BROTLI"],
      [Compression.LZ4_RAW, "LZ4_RAW"],
      [Compression.SNAPPY, "SNAPPY"],
    ] as const;
    for (const [codec, name] of codecs) {
      const table = readParquet(source);
      const file = writeParquet(table, new WriterPropertiesBuilder().setCompression(codec).setCreatedBy("parquet-wasm test").build());
      const metadata = parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
      // The file really is in that codec, and written by the other implementation.
      expect(metadata.created_by).toBe("parquet-wasm test");
      expect(new Set(metadata.row_groups.flatMap((group) => group.columns.map((column) => column.meta_data?.codec)))).toEqual(new Set([name]));
      const { admin, set } = await newSet();
      const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "parquet", mode: "all-or-nothing" }, body: inChunks(file, 4096) });
      expect(result, name).toMatchObject({ committed: true, records: 40, imported: 40, candidatesImported: 80, judgmentsImported: 40, invalid: 0, shapes: { ultrafeedback: 40 } });
      const prompt = await getDb().prompt.findFirstOrThrow({ where: { promptSetId: set.id, externalId: "pid-7" }, include: { candidates: { orderBy: { content: "asc" } } } });
      expect(prompt.messages).toEqual([{ role: "user", content: "Explain idea number 7." }]);
      expect(prompt.candidates.map((candidate) => candidate.content)).toEqual(["A clear explanation of idea 7.", "Idea 7? No idea."]);
    }
  });

  it("names a bad Parquet row by its number and stores nothing; refuses a file that is not Parquet", async () => {
    const { admin, set } = await newSet();
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "parquet", mode: "all-or-nothing" }, body: [ultraFeedbackParquet(3, { mismatchAt: 1 })] });
    expect(result).toMatchObject({ committed: false, records: 3, invalid: 1 });
    expect(result.errors).toEqual([{ line: 2, unit: "row", field: "prompt", problem: { key: "field.text", params: { text: 'does not match the first user turn of "chosen"' } }, message: 'row 2: field "prompt": does not match the first user turn of "chosen"' }]);

    const bytes = ultraFeedbackParquet(3);
    await expect(importPrompts({ actor: admin, promptSetId: set.id, input: { format: "parquet", mode: "all-or-nothing" }, body: [bytes.subarray(0, bytes.length - 20)] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("The file is not a readable Parquet file"),
    });
    expect(await getDb().prompt.count({ where: { promptSetId: set.id } })).toBe(0);
  });

  it("offers a column mapping for an unknown shape, imports with it, and keeps it on the set", async () => {
    const { admin, set } = await newSet();
    const file = lines({ query: "Which is larger, 9.11 or 9.9?", resp_1: "9.11", resp_2: "9.9", better: "B", gold: "9.9", topic: "numbers" });
    const refused = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: [file] });
    expect(refused).toMatchObject({ committed: false, invalid: 1, unknownShape: { line: 1, fields: ["query", "resp_1", "resp_2", "better", "gold", "topic"] } });

    const mapping = { prompt: "query", answers: ["resp_1", "resp_2"], label: "better", reference: "gold" };
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing", mapping }, body: [file] });
    expect(result).toMatchObject({ committed: true, imported: 1, candidatesImported: 2, judgmentsImported: 1, shapes: { "column-mapping": 1 } });
    const prompt = await getDb().prompt.findFirstOrThrow({ where: { promptSetId: set.id }, include: { judgments: { include: { candidates: { include: { candidate: true } } } } } });
    expect(prompt).toMatchObject({ referenceAnswer: "9.9", metadata: { topic: "numbers" } });
    expect(prompt.judgments[0]!.candidates.find((ranked) => ranked.rank === 1)?.candidate.content).toBe("9.9");
    expect((await getPromptSet({ actor: admin, promptSetId: set.id })).importMapping).toEqual({ ...mapping });

    await expect(importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing", mapping: { answers: ["x"] } }, body: [file] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fields: { "mapping.prompt": expect.any(String) },
    });
  });

  it("a CSV without a prompt column is offered the mapping step with its header", async () => {
    const { admin, set } = await newSet();
    const csv = "question,answer_a,answer_b\nWhat is 2+2?,4,5\n";
    const refused = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "csv", mode: "all-or-nothing" }, body: [csv] });
    expect(refused.unknownShape).toEqual({ line: 1, fields: ["question", "answer_a", "answer_b"] });
    const mapped = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "csv", mode: "all-or-nothing", mapping: { prompt: "question", answers: ["answer_a", "answer_b"] } }, body: [csv] });
    expect(mapped).toMatchObject({ committed: true, imported: 1, candidatesImported: 2, judgmentsImported: 0 });
  });

  it("keeps all-or-nothing: a bad record among good labelled ones stores no prompt, candidate or judgment", async () => {
    const { admin, set } = await newSet();
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: [lines(hh, { ...arena, winner: "model_c" })] });
    expect(result).toMatchObject({ committed: false, invalid: 1 });
    expect(result.errors[0]).toMatchObject({ line: 2, field: "winner" });
    expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(0);
    expect(await getDb().prompt.count({ where: { promptSetId: set.id } })).toBe(0);
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../../db/client";
import { createPromptSet } from "../prompt-sets/create-prompt-set";
import { updatePromptSet } from "../prompt-sets/update-prompt-set";
import { importPrompts } from "./import-prompts";
import { goldRanks, readGold } from "@/lib/quality/gold";

const lines = (...records: unknown[]) => records.map((record) => (typeof record === "string" ? record : JSON.stringify(record))).join("\n") + "\n";

/** The body in small byte chunks, as a request arrives. */
async function* chunked(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function newSet() {
  const admin = await makeUser("ADMIN");
  const set = await createPromptSet({ actor: admin, input: { name: `Import ${randomUUID()}` } });
  return { admin, set };
}

describe("importing prompts", () => {
  it("imports every shape from JSONL streamed in small chunks, with answers and preference pairs as IMPORTED candidates", async () => {
    const { admin, set } = await newSet();
    const file = lines(
      { id: "p1", prompt: "Who are you?", reference: "Deep Qwen", metadata: { topic: "identity" } },
      { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }, { role: "user", content: "Your name?" }] },
      { conversations: [{ from: "human", value: "What model are you?" }, { from: "gpt", value: "I am Qwen." }] },
      { instruction: "Translate", input: "bonjour", output: "hello" },
      { prompt: "Rate me", chosen: "I am Deep Qwen.", rejected: "I am Qwen." },
      { prompt: "Two answers", responses: ["one", "two"] },
    );
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunked(file) });
    expect(result).toMatchObject({ committed: true, records: 6, imported: 6, invalid: 0, duplicatesInFile: 0, duplicatesOfExisting: 0, errors: [] });
    const prompts = await getDb().prompt.findMany({ where: { promptSetId: set.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { candidates: { orderBy: { content: "asc" } } } });
    // Listed in file order.
    expect(prompts.map((prompt) => (prompt.messages as { content: string }[]).at(-1)?.content)).toEqual(["Who are you?", "Your name?", "What model are you?", expect.stringContaining("Translate"), "Rate me", "Two answers"]);
    expect(prompts[0]).toMatchObject({ externalId: "p1", referenceAnswer: "Deep Qwen", metadata: { topic: "identity" } });
    const pair = prompts[4]!.candidates.map((candidate) => [candidate.content, candidate.source, (candidate.params as { importedLabel?: string }).importedLabel]);
    expect(pair).toEqual([
      ["I am Deep Qwen.", "IMPORTED", "chosen"],
      ["I am Qwen.", "IMPORTED", "rejected"],
    ]);
    expect(prompts[5]!.candidates.map((candidate) => candidate.content)).toEqual(["one", "two"]);
    expect(result.candidatesImported).toBe(prompts.reduce((sum, prompt) => sum + prompt.candidates.length, 0));
  });

  it("all-or-nothing stores nothing when one line is bad and names it; skip-invalid stores the rest", async () => {
    const { admin, set } = await newSet();
    const file = lines({ prompt: "first" }, "{not json", { messages: [{ role: "assistant", content: "no user turn" }] }, { prompt: "fourth" });
    const strict = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunked(file) });
    expect(strict).toMatchObject({ committed: false, imported: 0, invalid: 2 });
    expect(strict.errors.map((error) => error.line)).toEqual([2, 3]);
    expect(strict.errors[0]!.message).toMatch(/^line 2: /);
    expect(strict.errors[1]!.message).toBe(`line 3: field "messages": the conversation has no user turn`);
    expect(await getDb().prompt.count({ where: { promptSetId: set.id } })).toBe(0);

    const lenient = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "skip-invalid" }, body: chunked(file) });
    expect(lenient).toMatchObject({ committed: true, imported: 2, invalid: 2 });
    expect(await getDb().prompt.count({ where: { promptSetId: set.id } })).toBe(2);
  });

  it("counts and skips duplicates within the file and against the set (whitespace at the ends does not count)", async () => {
    const { admin, set } = await newSet();
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "csv", mode: "all-or-nothing" }, body: chunked('prompt,reference\n"Hello, world",x\nSecond,\n') });
    const result = await importPrompts({
      actor: admin,
      promptSetId: set.id,
      input: { format: "json", mode: "all-or-nothing" },
      body: chunked(JSON.stringify([{ prompt: "  Hello, world " }, { prompt: "Third" }, { prompt: "Third" }, { prompt: "Fourth", responses: ["a"] }])),
    });
    expect(result).toMatchObject({ committed: true, records: 4, imported: 2, duplicatesInFile: 1, duplicatesOfExisting: 1, candidatesImported: 1 });
    expect(await getDb().prompt.count({ where: { promptSetId: set.id } })).toBe(4);
  });

  it("keeps the first of each conversation in file order, with its own answers", async () => {
    const { admin, set } = await newSet();
    // Record i and record i + 300 are the same conversation; only the first of each pair has an answer.
    const records = Array.from({ length: 600 }, (_, i) => (i < 300 ? { id: `first-${i}`, prompt: `prompt ${i}`, responses: [`answer ${i}`] } : { id: `later-${i - 300}`, prompt: `prompt ${i - 300}` }));
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunked(lines(...records), 4096) });
    expect(result).toMatchObject({ committed: true, records: 600, imported: 300, duplicatesInFile: 300, duplicatesOfExisting: 0, candidatesImported: 300 });
    const stored = await getDb().prompt.findMany({ where: { promptSetId: set.id }, select: { externalId: true, candidates: { select: { content: true } } } });
    expect(stored.every((prompt) => prompt.externalId?.startsWith("first-") && prompt.candidates[0]?.content === `answer ${prompt.externalId.slice(6)}`)).toBe(true);
  });

  it("inserts slice by slice as it reads: the same counts, the first copy kept across slices, labels in later slices, and import nothing undoes the slices already in", async () => {
    const { admin, set } = await newSet();
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunked(lines({ prompt: "already here" })) });
    const records = [
      { id: "a", prompt: "alpha", responses: ["alpha answer"] },
      { id: "b", prompt: "beta" },
      { id: "again-a", prompt: "alpha", responses: ["a later answer"] },
      { id: "old", prompt: "already here" },
      { chosen: "\n\nHuman: gamma?\n\nAssistant: Good.", rejected: "\n\nHuman: gamma?\n\nAssistant: Bad." },
      { id: "again-b", prompt: "beta", responses: ["x"] },
    ];
    // One line a chunk, and a slice as small as a batch: each record goes in in a slice of its own.
    const oneLineChunks = async function* () {
      for (const record of records) yield new TextEncoder().encode(lines(record));
    };
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: oneLineChunks(), sliceChars: 1 });
    expect(result).toMatchObject({ committed: true, records: 6, imported: 3, duplicatesInFile: 2, duplicatesOfExisting: 1, candidatesImported: 3, judgmentsImported: 1 });
    const stored = await getDb().prompt.findMany({ where: { promptSetId: set.id }, select: { externalId: true, candidates: { select: { content: true } }, judgments: { select: { source: true } } } });
    expect(stored.map((prompt) => prompt.externalId).sort((x, y) => String(x).localeCompare(String(y)))).toEqual(["a", "b", null, null]);
    expect(stored.find((prompt) => prompt.externalId === "a")!.candidates).toEqual([{ content: "alpha answer" }]);
    expect(stored.find((prompt) => prompt.externalId === "b")!.candidates).toEqual([]);
    expect(stored.flatMap((prompt) => prompt.judgments)).toEqual([{ source: "IMPORTED" }]);

    // The bad line comes after slices were inserted: nothing of the file stays.
    const other = await newSet();
    const strict = await importPrompts({
      actor: other.admin,
      promptSetId: other.set.id,
      input: { format: "jsonl", mode: "all-or-nothing" },
      body: (async function* () {
        for (const text of [lines({ prompt: "one", responses: ["1"] }), lines({ prompt: "two" }), "{not json\n", lines({ prompt: "four" })]) yield new TextEncoder().encode(text);
      })(),
      sliceChars: 1,
    });
    expect(strict).toMatchObject({ committed: false, records: 4, imported: 0, invalid: 1 });
    expect(strict.errors.map((error) => error.line)).toEqual([3]);
    expect(await getDb().prompt.count({ where: { promptSetId: other.set.id } })).toBe(0);
    expect(await getDb().candidate.count({ where: { prompt: { promptSetId: other.set.id } } })).toBe(0);
  });

  it("refuses an oversized file with the limit and stores nothing; an oversized record is named with its line", async () => {
    const { admin, set } = await newSet();
    const file = lines(...Array.from({ length: 50 }, (_, i) => ({ prompt: `prompt ${i}` })));
    const error = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "skip-invalid" }, body: chunked(file, 64), maxFileBytes: 500 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/larger than the 500 bytes limit/) as unknown });
    expect(await getDb().prompt.count({ where: { promptSetId: set.id } })).toBe(0);

    const big = await importPrompts({
      actor: admin,
      promptSetId: set.id,
      input: { format: "jsonl", mode: "all-or-nothing" },
      body: chunked(lines({ prompt: "ok" }, { prompt: "x".repeat(300) })),
      maxRecordBytes: 200,
    });
    expect(big).toMatchObject({ committed: false, invalid: 1 });
    expect(big.errors[0]!.message).toMatch(/^line 2: .*limit is 200 bytes/);
  });

  it("refuses text Postgres cannot store (NUL, lone surrogates) by line and field rather than failing the import", async () => {
    const { admin, set } = await newSet();
    const file = '{"prompt":"fine"}\n{"prompt":"nul \\u0000 here"}\n{"prompt":"half \\ud800 pair"}\n';
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "skip-invalid" }, body: chunked(file) });
    expect(result).toMatchObject({ committed: true, imported: 1, invalid: 2 });
    expect(result.errors.map((error) => error.line)).toEqual([2, 3]);
    expect(result.errors[0]!.message).toMatch(/^line 2: field "messages\[0\]\.content": contains a NUL/);
  });

  it("refuses engineers and annotators, unknown options, and archived sets", async () => {
    const { admin, set } = await newSet();
    for (const role of ["ENGINEER", "ANNOTATOR"] as const) {
      const actor = await makeUser(role);
      await expect(importPrompts({ actor, promptSetId: set.id, input: { format: "jsonl", mode: "skip-invalid" }, body: chunked("") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(importPrompts({ actor: admin, promptSetId: set.id, input: { format: "xml", mode: "skip-invalid" }, body: chunked("") })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await updatePromptSet({ actor: admin, promptSetId: set.id, input: { archived: true } });
    await expect(importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "skip-invalid" }, body: chunked('{"prompt":"x"}\n') })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("importing gold prompts", () => {
  it('a record with "gold": true becomes a gold prompt whose expected verdict is its label, over its two answers in file order', async () => {
    const { admin, set } = await newSet();
    const file = lines(
      { prompt: "Who are you?", chosen: "I am Deep Qwen.", rejected: "I am Qwen.", gold: true },
      { conversation_a: [{ role: "user", content: "Name?" }, { role: "assistant", content: "Qwen" }], conversation_b: [{ role: "user", content: "Name?" }, { role: "assistant", content: "Deep Qwen" }], model_a: "base", model_b: "tuned", winner: "model_b", gold: "true" },
      { prompt: "No label", responses: ["one", "two"], gold: true },
      { prompt: "Bad flag", chosen: "x", rejected: "y", gold: "maybe" },
      { prompt: "Not gold", chosen: "a", rejected: "b", gold: false },
    );
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "skip-invalid" }, body: chunked(file) });
    expect(result).toMatchObject({ committed: true, imported: 3, invalid: 2, goldImported: 2, judgmentsImported: 1 });
    expect(result.errors.map((error) => [error.line, error.field])).toEqual([[3, "gold"], [4, "gold"]]);
    expect(result.errors[0]!.message).toMatch(/needs its expected verdict/);
    expect(result.errors[1]!.message).toMatch(/expected true or false, got "maybe"/);

    const prompts = await getDb().prompt.findMany({ where: { promptSetId: set.id }, include: { candidates: true, judgments: true } });
    const byLast = (text: string) => prompts.find((prompt) => (prompt.messages as { content: string }[]).at(-1)?.content === text)!;
    const idOf = (prompt: (typeof prompts)[number], content: string) => prompt.candidates.find((candidate) => candidate.content === content)!.id;
    const who = byLast("Who are you?");
    expect(who.gold).toEqual({ shown: [idOf(who, "I am Deep Qwen."), idOf(who, "I am Qwen.")], verdict: { kind: "pairwise", verdict: "A" } });
    // The label is the answer key, not an imported judgment.
    expect(who.judgments).toEqual([]);
    const arena = byLast("Name?");
    expect(arena.gold).toEqual({ shown: [idOf(arena, "Qwen"), idOf(arena, "Deep Qwen")], verdict: { kind: "pairwise", verdict: "B" } });
    expect(byLast("Not gold").gold).toBeNull();
    expect(byLast("Not gold").judgments).toHaveLength(1);
    // What the quality code reads back: valid gold for the set's mode.
    const ranks = goldRanks("PAIRWISE", readGold(arena.gold)!);
    expect(ranks instanceof Map ? Object.fromEntries(ranks) : ranks).toEqual({ [idOf(arena, "Qwen")]: 2, [idOf(arena, "Deep Qwen")]: 1 });
  });

  it("a ranking set refuses a gold record with its line (the file's gold verdict is pairwise)", async () => {
    const admin = await makeUser("ADMIN");
    const set = await createPromptSet({ actor: admin, input: { name: `Import ${randomUUID()}`, judgingMode: "RANKING" } });
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunked(lines({ prompt: "Q", chosen: "a", rejected: "b", gold: true })) });
    expect(result).toMatchObject({ committed: false, imported: 0, goldImported: 0 });
    expect(result.errors[0]).toMatchObject({ line: 1, field: "gold", message: expect.stringMatching(/judges by ranking/) });
  });
});

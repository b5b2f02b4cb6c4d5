// OpenAI Batch files through real Postgres: a request file written for a prompt set, run by the fake
// server's batch mode (tests/support/fake-openai-server.ts: vLLM run_batch's output shapes, OpenAI's
// error shape), and its results imported back as candidates.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { runFakeBatch } from "@/tests/support/fake-openai-server";
import { getDb } from "@/server/db/client";
import { createBatchRequestFile } from "@/server/services/batch/create-batch-request-file";
import { importBatchResults } from "@/server/services/batch/import-batch-results";
import { importPrompts } from "@/server/services/import/import-prompts";
import { createPromptSet } from "@/server/services/prompt-sets/create-prompt-set";

async function* chunked(text: string, size = 97): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(lines: AsyncGenerator<string>): Promise<string> {
  let text = "";
  for await (const piece of lines) text += piece;
  return text;
}

async function newSet(records: unknown[]) {
  const admin = await makeUser("ADMIN");
  const set = await createPromptSet({ actor: admin, input: { name: `Batch ${randomUUID()}` } });
  const file = records.map((record) => JSON.stringify(record)).join("\n") + "\n";
  const imported = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: chunked(file) });
  expect(imported.committed).toBe(true);
  return { admin, set };
}

const promptsOf = (promptSetId: string) =>
  getDb().prompt.findMany({ where: { promptSetId }, select: { id: true, messages: true, candidates: { orderBy: { createdAt: "asc" } } }, orderBy: { id: "asc" } });

describe("Batch files", () => {
  it("writes request lines as run_batch and the Batch API read them, and imports the results as candidates once", async () => {
    const { admin, set } = await newSet([
      { prompt: "Who are you?" },
      { prompt: "Name yourself.", responses: ["I am Qwen."] },
      { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }] },
    ]);
    await getDb().promptSet.update({ where: { id: set.id }, data: { defaultSystemMessage: "You are Deep Qwen." } });
    const file = await createBatchRequestFile({ actor: admin, promptSetId: set.id, input: { model: "qwen-batch", samples: 2, temperature: 0.7, max_tokens: 256, seed: 5, stop: ["</s>"] } });
    const text = await collect(file.lines);
    const lines = text.trimEnd().split("\n").map((line) => JSON.parse(line) as { custom_id: string; method: string; url: string; body: Record<string, unknown> });
    // Scope "missing", N = 2: two samples for the prompts without answers, one (sample 1) for the one with an answer.
    expect(lines).toHaveLength(5);
    expect(file.lineCount).toBe(5);
    const prompts = await promptsOf(set.id);
    for (const line of lines) {
      // vllm/entrypoints/openai/run_batch.py BatchRequestInput: custom_id, method, url, body (a ChatCompletionRequest).
      expect(Object.keys(line).sort()).toEqual(["body", "custom_id", "method", "url"]);
      expect(line).toMatchObject({ method: "POST", url: "/v1/chat/completions", body: { model: "qwen-batch", temperature: 0.7, max_tokens: 256, stop: ["</s>"] } });
      expect(line.custom_id.length).toBeLessThanOrEqual(64);
      expect(line.custom_id.startsWith(`${file.tag}-`)).toBe(true);
    }
    expect(new Set(lines.map((line) => line.custom_id)).size).toBe(5);
    const answered = prompts.find((prompt) => prompt.candidates.length === 1)!;
    const forAnswered = lines.filter((line) => line.custom_id.includes(answered.id.replace(/-/g, "")));
    expect(forAnswered.map((line) => line.custom_id.split("-").at(-1))).toEqual(["1"]);
    expect(forAnswered[0]!.body.seed).toBe(6); // seed + sample index
    // The set's default system message fills a prompt without one; a prompt's own is kept.
    const systems = lines.map((line) => (line.body.messages as { role: string; content: string }[])[0]);
    expect(systems.filter((m) => m?.content === "Be brief.")).toHaveLength(2);
    expect(systems.filter((m) => m?.content === "You are Deep Qwen.")).toHaveLength(3);

    // The cluster runs it: line 2 fails as the OpenAI Batch API reports it, line 4 as vLLM does.
    const results = runFakeBatch(text, (_line, index) => (index === 1 ? { kind: "openai-error", code: "rate_limit_exceeded", message: "slow down" } : index === 3 ? { kind: "vllm-error", message: "prompt too long" } : { kind: "ok" }));
    const first = await importBatchResults({ actor: admin, promptSetId: set.id, input: {}, body: chunked(results) });
    expect(first).toMatchObject({ committed: true, lines: 5, imported: 3, alreadyImported: 0, failed: 2, invalid: 0, errors: [] });
    expect(first.failures.map((f) => f.line)).toEqual([2, 4]);
    expect(first.failures[0]!.message).toContain("slow down (rate_limit_exceeded)");
    expect(first.failures[1]!.message).toContain("prompt too long");

    const stored = await getDb().candidate.findMany({ where: { prompt: { promptSetId: set.id }, batchCustomId: { not: null } } });
    expect(stored).toHaveLength(3);
    for (const candidate of stored) {
      const sample = Number(candidate.batchCustomId!.split("-").at(-1));
      expect(candidate).toMatchObject({ source: "GENERATED", model: "qwen-batch", finishReason: "stop", seed: 5 + sample });
      expect(candidate.content).toMatch(/^Batch answer \d to: /);
      expect(candidate.completionTokens).toBe(candidate.content.length);
      expect(candidate.params).toMatchObject({ temperature: 0.7, max_tokens: 256, seed: 5, stop: ["</s>"], batch: file.tag, sampleIndex: sample });
    }

    // Importing the same results again stores nothing new, and says so.
    const again = await importBatchResults({ actor: admin, promptSetId: set.id, input: {}, body: chunked(results) });
    expect(again).toMatchObject({ committed: false, imported: 0, alreadyImported: 3, failed: 2 });
    expect(again.summary).toMatch(/Nothing new/);
    expect(await getDb().candidate.count({ where: { prompt: { promptSetId: set.id }, batchCustomId: { not: null } } })).toBe(3);

    // The failed ones are what "missing" asks for next: two prompts lacked a sample.
    const next = await createBatchRequestFile({ actor: admin, promptSetId: set.id, input: { model: "qwen-batch", samples: 2 } });
    expect(next.lineCount).toBe(2);
    expect(next.tag).not.toBe(file.tag);
  });

  it("names each bad line and stores nothing, or the valid rest with skip-invalid", async () => {
    const { admin, set } = await newSet([{ prompt: "One" }, { prompt: "Two" }]);
    const other = await newSet([{ prompt: "Elsewhere" }]);
    const text = await collect((await createBatchRequestFile({ actor: admin, promptSetId: set.id, input: { model: "m", scope: "all" } })).lines);
    const foreignText = await collect((await createBatchRequestFile({ actor: other.admin, promptSetId: other.set.id, input: { model: "m", scope: "all" } })).lines);
    const good = runFakeBatch(text).trimEnd().split("\n");
    const foreign = runFakeBatch(foreignText).trimEnd().split("\n")[0]!;
    const otherPrompt = (await promptsOf(other.set.id))[0]!.id.replace(/-/g, "");
    const tag = (JSON.parse(good[0]!) as { custom_id: string }).custom_id.split("-")[0]!;
    const file = [
      good[0], // line 1: fine
      good[1]!.slice(0, 40), // line 2: truncated JSON
      foreign, // line 3: another set's file
      good[1]!.replace(/"custom_id":"[^"]+"/, `"custom_id":"${tag}-${otherPrompt}-0"`), // line 4: this file's tag, a prompt of another set
      good[1]!.replace(/"custom_id":"[^"]+"/, `"custom_id":"0123456789ab-${otherPrompt}-0"`), // line 5: no such file
      good[1]!.replace(/"custom_id":"[^"]+"/, '"custom_id":"request-1"'), // line 6: not written by Arbiter
      good[1], // line 7: fine
    ].join("\n");
    const refused = await importBatchResults({ actor: admin, promptSetId: set.id, input: { mode: "all-or-nothing" }, body: chunked(file) });
    expect(refused).toMatchObject({ committed: false, imported: 0, invalid: 5 });
    expect(refused.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(refused.errors[0]!.message).toMatch(/^line 2: invalid JSON/);
    expect(refused.errors[1]!.message).toContain("another prompt set");
    expect(refused.errors[2]!.message).toContain("not in this prompt set");
    expect(refused.errors[3]!.message).toContain("unknown custom_id");
    expect(refused.errors[4]!.message).toContain("was not written by Arbiter");
    expect(await getDb().candidate.count({ where: { prompt: { promptSetId: set.id } } })).toBe(0);
    expect(await getDb().candidate.count({ where: { prompt: { promptSetId: other.set.id } } })).toBe(0);

    const skipped = await importBatchResults({ actor: admin, promptSetId: set.id, input: { mode: "skip-invalid" }, body: chunked(file) });
    expect(skipped).toMatchObject({ committed: true, imported: 2, invalid: 5 });
    expect(await getDb().candidate.count({ where: { prompt: { promptSetId: set.id } } })).toBe(2);
  });

  it("refuses other roles, an empty request and a set with nothing to generate", async () => {
    const { admin, set } = await newSet([{ prompt: "Only", responses: ["a", "b"] }]);
    const engineer = await makeUser("ENGINEER");
    await expect(createBatchRequestFile({ actor: engineer, promptSetId: set.id, input: { model: "m" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importBatchResults({ actor: engineer, promptSetId: set.id, input: {}, body: chunked("") })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createBatchRequestFile({ actor: admin, promptSetId: set.id, input: { model: "" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(createBatchRequestFile({ actor: admin, promptSetId: set.id, input: { model: "m", samples: 2 } })).rejects.toThrow(/nothing to generate/);
    expect(await getDb().batchRequestFile.count({ where: { promptSetId: set.id } })).toBe(0);
  });
});

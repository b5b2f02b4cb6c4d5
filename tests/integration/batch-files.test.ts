// OpenAI Batch files through real Postgres: a request file written for a prompt set, run by the fake
// server's batch mode (tests/support/fake-openai-server.ts: vLLM run_batch's output shapes, OpenAI's
// error shape), and its results imported back as candidates.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { runFakeBatch } from "@/tests/support/fake-openai-server";
import { getDb } from "@/server/db/client";
import { createBatchRequestFile } from "@/server/services/batch/create-batch-request-file";
import { createRunBatchFile } from "@/server/services/batch/create-run-batch-file";
import { cancelRun } from "@/server/services/generation/cancel-run";
import { startRun } from "@/server/services/generation/start-run";
import { makeEndpoint, makePromptSetWithPrompts } from "@/tests/support/generation-factories";
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

describe("Batch files of a generation run", () => {
  type RequestLine = { custom_id: string; body: { model: string; messages: { role: string; content: string }[]; temperature?: number; max_tokens?: number; stop?: string[]; seed?: number } };
  const parse = (text: string) => text.trimEnd().split("\n").map((line) => JSON.parse(line) as RequestLine);
  const tasksOf = (runId: string, endpointId: string) =>
    getDb().generationTask.findMany({ where: { runId, endpointId }, include: { candidate: true }, orderBy: [{ promptId: "asc" }, { sampleIndex: "asc" }] });
  /** What the worker stores for a task it answered: its candidate, and the task done. */
  async function answerAsWorker(task: { id: string; promptId: string; endpointId: string }, content: string) {
    await getDb().candidate.create({ data: { promptId: task.promptId, content, source: "GENERATED", generationTaskId: task.id, endpointId: task.endpointId, model: "worker-model" } });
    await getDb().generationTask.update({ where: { id: task.id }, data: { status: "SUCCEEDED" } });
  }

  it("holds the run's unanswered tasks of one endpoint as the worker would send them, and stores the results as the run's candidates once", async () => {
    const admin = await makeUser("ADMIN");
    const set = await makePromptSetWithPrompts(3, { label: "batch run" });
    await getDb().promptSet.update({ where: { id: set.id }, data: { defaultSystemMessage: "You are Deep Qwen." } });
    const a = await makeEndpoint("http://127.0.0.1:9/v1", { defaults: { temperature: 0.2, max_tokens: 64 } });
    const b = await makeEndpoint("http://127.0.0.1:9/v1");
    const { runId, taskCount } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [a.id, b.id], candidatesPerModel: "2", temperature: "0.9", seed: "7", stop: "###" } });
    expect(taskCount).toBe(12);

    // A queued (or running) run is the worker's: no file, so the two never answer the same task.
    await expect(createRunBatchFile({ actor: admin, runId, input: { endpointId: a.id } })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("cancel it first") });
    const [answered] = await tasksOf(runId, a.id);
    await answerAsWorker(answered!, "The worker's answer.");
    await cancelRun({ actor: admin, runId });

    // Two endpoints, one model per file: the endpoint must be chosen, from the run's own.
    await expect(createRunBatchFile({ actor: admin, runId, input: {} })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(a.name) });
    const stranger = await makeEndpoint("http://127.0.0.1:9/v1");
    await expect(createRunBatchFile({ actor: admin, runId, input: { endpointId: stranger.id } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("no such endpoint") });
    await expect(createRunBatchFile({ actor: await makeUser("ENGINEER"), runId, input: { endpointId: a.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const file = await createRunBatchFile({ actor: admin, runId, input: { endpointId: a.id } });
    const text = await collect(file.lines);
    const lines = parse(text);
    // Six tasks for endpoint a, one already answered by the worker.
    expect(file.lineCount).toBe(5);
    expect(lines).toHaveLength(5);
    const tasks = await tasksOf(runId, a.id);
    for (const line of lines) {
      const [tag, hex, sample] = line.custom_id.split("-");
      expect(tag).toBe(file.tag);
      const task = tasks.find((t) => t.promptId.replace(/-/g, "") === hex && t.sampleIndex === Number(sample))!;
      expect(task.id).not.toBe(answered!.id);
      // The worker's request: the run's sampling over the endpoint's defaults, seed + sample index, the set's system message.
      expect(line.body).toEqual({
        model: a.model,
        messages: [{ role: "system", content: "You are Deep Qwen." }, { role: "user", content: expect.stringMatching(/^Question \d of /) }],
        temperature: 0.9,
        max_tokens: 64,
        stop: ["###"],
        seed: 7 + task.sampleIndex,
      });
    }

    // The cluster answers all but the second line; the results go back through the set's import.
    const results = runFakeBatch(text, (_line, index) => (index === 1 ? { kind: "openai-error", code: "server_error", message: "try later" } : { kind: "ok" }));
    const first = await importBatchResults({ actor: admin, promptSetId: set.id, input: {}, body: chunked(results) });
    expect(first).toMatchObject({ committed: true, lines: 5, imported: 4, tasksCompleted: 4, failed: 1, invalid: 0 });
    expect(first.summary).toContain("4 generation run tasks answered");
    const after = await tasksOf(runId, a.id);
    expect(after.filter((t) => t.status === "SUCCEEDED")).toHaveLength(5);
    for (const task of after.filter((t) => t.candidate?.batchCustomId)) {
      // Full provenance, attributed to the run's task and endpoint.
      expect(task.candidate).toMatchObject({ source: "GENERATED", endpointId: a.id, model: a.model, seed: 7 + task.sampleIndex, finishReason: "stop" });
      expect(task.candidate!.params).toMatchObject({ temperature: 0.9, max_tokens: 64, stop: ["###"], batch: file.tag, sampleIndex: task.sampleIndex });
      expect(task.candidate!.completionTokens).toBe(task.candidate!.content.length);
    }
    expect(after.find((t) => t.id === answered!.id)!.candidate!.content).toBe("The worker's answer.");

    // Idempotent by custom_id.
    const again = await importBatchResults({ actor: admin, promptSetId: set.id, input: {}, body: chunked(results) });
    expect(again).toMatchObject({ committed: false, imported: 0, tasksCompleted: 0, alreadyImported: 4 });
    expect(await getDb().candidate.count({ where: { generationTask: { runId } } })).toBe(5);

    // The next file holds only the failed task; endpoint b's file, all six of its tasks.
    const retry = await createRunBatchFile({ actor: admin, runId, input: { endpointId: a.id } });
    expect(retry.lineCount).toBe(1);
    const retryResults = runFakeBatch(await collect(retry.lines));
    expect(await importBatchResults({ actor: admin, promptSetId: set.id, input: {}, body: chunked(retryResults) })).toMatchObject({ imported: 1, tasksCompleted: 1 });
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("CANCELLED");

    const forB = await createRunBatchFile({ actor: admin, runId, input: { endpointId: b.id } });
    const textB = await collect(forB.lines);
    expect(parse(textB).every((line) => line.body.model === b.model && line.body.max_tokens === undefined && line.body.temperature === 0.9)).toBe(true);
    // The worker answers one of b's tasks after the file was written (a resume): its answer is kept, the line skipped.
    const [lateTask] = await tasksOf(runId, b.id);
    await answerAsWorker(lateTask!, "Answered while the batch ran.");
    const last = await importBatchResults({ actor: admin, promptSetId: set.id, input: {}, body: chunked(runFakeBatch(textB)) });
    expect(last).toMatchObject({ committed: true, lines: 6, imported: 5, tasksCompleted: 5, alreadyImported: 1 });
    expect((await tasksOf(runId, b.id)).find((t) => t.id === lateTask!.id)!.candidate!.content).toBe("Answered while the batch ran.");
    // Every task answered: the run is complete.
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
    await expect(createRunBatchFile({ actor: admin, runId, input: { endpointId: b.id } })).rejects.toThrow(/nothing to generate/);
  });
});

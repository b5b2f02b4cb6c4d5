import { buffer } from "node:stream/consumers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startFakeOpenAiServer, judgeMode, type FakeServerOptions } from "@/tests/support/fake-openai-server";
import { makeUser } from "@/tests/support/factories";
import { judgePair, makeCandidate, makeJudgment, makePrompt, makePromptSet } from "@/tests/support/export-factories";
import { makeEndpoint } from "@/tests/support/generation-factories";
import type { ExportManifest } from "../../export/build-export";
import { drainExportQueue } from "../../export/run-exports";
import { getDb } from "../../db/client";
import { runWorker } from "../../generation/worker";
import { createExport } from "../exports/create-export";
import { getExport } from "../exports/get-export";
import { openExportFile } from "../exports/open-export-download";
import { cancelRun } from "../generation/cancel-run";
import { resumeRun } from "../generation/resume-run";
import { claimAssignment } from "../annotation/claim-assignment";
import { submitJudgment } from "../annotation/submit-judgment";
import { setPromptSetMembers } from "../prompt-sets/set-prompt-set-members";
import { createJudge } from "./create-judge";
import { getJudgeSummary } from "./get-judge-summary";
import { listJudges } from "./list-judges";
import { startJudgeRun } from "./start-judge-run";
import { updateJudgeSuggestions } from "./update-judge-suggestions";
import { updateJudgeTemplate } from "./update-judge-template";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeServer(options: FakeServerOptions) {
  const server = await startFakeOpenAiServer(options);
  cleanups.push(() => server.close());
  return server;
}

function startWorker() {
  const controller = new AbortController();
  const worker = runWorker({ signal: controller.signal, pollMs: 50 });
  cleanups.push(async () => {
    controller.abort();
    await worker;
  });
}

const runStatus = async (runId: string) => (await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status;
const waitForRun = (runId: string) => vi.waitFor(async () => expect(await runStatus(runId)).not.toBe("RUNNING"), { timeout: 30_000, interval: 50 });

/**
 * Four prompts, each with a "good" and a "bad" answer, and five human votes:
 * p0: one person prefers good, another bad; p1: good; p2: bad; p3: a tie.
 */
async function seededSet() {
  const admin = await makeUser("ADMIN");
  const [ann1, ann2] = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR")];
  const set = await makePromptSet();
  const prompts = [];
  for (let i = 0; i < 4; i++) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: `Question ${i}` }]);
    const good = await makeCandidate(prompt.id, `good answer ${i}`);
    const bad = await makeCandidate(prompt.id, `bad answer ${i}`);
    prompts.push({ prompt, good, bad });
  }
  const [p0, p1, p2, p3] = prompts as [(typeof prompts)[number], (typeof prompts)[number], (typeof prompts)[number], (typeof prompts)[number]];
  await judgePair(p0.prompt, ann1.id, p0.good.id, p0.bad.id);
  await judgePair(p0.prompt, ann2.id, p0.bad.id, p0.good.id, { leftFirst: false });
  await judgePair(p1.prompt, ann1.id, p1.good.id, p1.bad.id, { leftFirst: false });
  await judgePair(p2.prompt, ann1.id, p2.bad.id, p2.good.id);
  await makeJudgment(p3.prompt, ann1.id, { outcome: "TIE", ranks: [{ candidateId: p3.good.id, rank: 1 }, { candidateId: p3.bad.id, rank: 1 }] });
  return { admin, set, prompts };
}

/** Prefers the answer saying "good"; calls the pair of question 3 a tie. */
const fairJudge = judgeMode.fixed((a, b) => (a.includes(" 3") ? "tie" : a.startsWith("good") ? "a" : b.startsWith("good") ? "b" : "tie"));

describe("LLM-as-judge", () => {
  it("judges every pair in both orders, detects a position-biased judge, and computes agreement with the seeded human votes exactly", async () => {
    const { admin, set } = await seededSet();
    const fair = await fakeServer({ reply: fairJudge });
    const biased = await fakeServer({ reply: judgeMode.positionBiased() });
    const fairJudgeId = (await createJudge({ actor: admin, input: { name: `fair ${set.id}`, kind: "PAIRWISE", endpointId: (await makeEndpoint(fair.baseUrl)).id } })).judgeId;
    const biasedJudgeId = (await createJudge({ actor: admin, input: { name: `biased ${set.id}`, kind: "PAIRWISE", endpointId: (await makeEndpoint(biased.baseUrl)).id, language: "zh" } })).judgeId;
    startWorker();

    const fairRun = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId: fairJudgeId } });
    expect(fairRun.taskCount).toBe(8); // 4 pairs x 2 orders
    await waitForRun(fairRun.runId);
    const biasedRun = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId: biasedJudgeId } });
    await waitForRun(biasedRun.runId);
    expect(await runStatus(fairRun.runId)).toBe("COMPLETED");

    // Both orders were sent: each pair's answers appear once as A and once as B.
    const shownFirst = fair.requests.map((request) => /\[Answer of assistant A\]\n(.*)\n/.exec(request.messages.at(-1)!.content)?.[1]);
    expect(shownFirst.filter((text) => text?.startsWith("good"))).toHaveLength(4);
    expect(shownFirst.filter((text) => text?.startsWith("bad"))).toHaveLength(4);
    // The Chinese default template went to the biased judge.
    expect(biased.requests[0]!.messages.at(-1)!.content).toContain("[助手 A 的回答]");

    const stored = await getDb().judgment.findMany({ where: { promptSetId: set.id, source: "MODEL_JUDGE" }, select: { judgeRunId: true, outcome: true, orderConsistent: true, annotatorId: true, judgeTemplateId: true } });
    expect(stored.filter((j) => j.judgeRunId === fairRun.runId).map((j) => [j.outcome, j.orderConsistent]).sort()).toEqual([
      ["PREFERENCE", true],
      ["PREFERENCE", true],
      ["PREFERENCE", true],
      ["TIE", true],
    ]);
    // The biased judge flips with the order on every pair: stored as inconsistent, a tie.
    expect(stored.filter((j) => j.judgeRunId === biasedRun.runId).map((j) => [j.outcome, j.orderConsistent])).toEqual(Array(4).fill(["TIE", false]));
    expect(stored.every((j) => j.annotatorId === null && j.judgeTemplateId !== null)).toBe(true);
    // Overlap and review counts are people's only.
    expect(await getDb().judgment.count({ where: { promptSetId: set.id, source: "HUMAN" } })).toBe(5);

    const summary = await getJudgeSummary({ actor: await makeUser("ENGINEER"), promptSetId: set.id });
    const fairSummary = summary.find((s) => s.judgeId === fairJudgeId)!;
    const biasedSummary = summary.find((s) => s.judgeId === biasedJudgeId)!;
    expect(fairSummary.consistency).toEqual({ judged: 4, consistent: 4, inconsistent: 0, favouredFirst: 0, favouredSecond: 0, unparseable: 0, rate: 1 });
    expect(biasedSummary.consistency).toEqual({ judged: 4, consistent: 0, inconsistent: 4, favouredFirst: 4, favouredSecond: 0, unparseable: 0, rate: 0 });
    // Fair judge vs the five votes (G = good better, B = bad better, T = tie; human, judge):
    // (G,G) (B,G) (G,G) (B,G) (T,T): raw agreement 3/5. Kappa over the symmetrised table (each vote also
    // mirrored): 10 items, 6 agree; marginals G 4, B 4, T 2 on both sides: p_e = (16 + 16 + 4) / 100 = 0.36,
    // kappa = (0.6 - 0.36) / 0.64 = 0.375.
    expect(fairSummary.agreement!.items).toBe(5);
    expect(fairSummary.agreement!.rawAgreement).toBeCloseTo(0.6, 12);
    expect(fairSummary.agreement!.kappa!.kappa).toBeCloseTo(0.375, 12);
    expect(fairSummary.agreement!.withoutTies).toEqual({ items: 4, rawAgreement: 0.5 });
    // Biased judge: every verdict a tie; only the human tie agrees: 1/5; judge marginal all T -> p_e = 0.2, kappa 0.
    expect(biasedSummary.agreement!.rawAgreement).toBeCloseTo(0.2, 12);
    expect(biasedSummary.agreement!.kappa!.kappa).toBeCloseTo(0, 12);
    expect(fairSummary.runs[0]).toMatchObject({ runId: fairRun.runId, status: "COMPLETED", tasks: 8, done: 8, failed: 0, unparseable: 0, templateVersion: 1 });
    expect(fairSummary.runs[0]!.completionTokens).toBeGreaterThan(0);
  });

  it("stores malformed replies as unparseable with their raw text, never guessed; cancel and resume go through the generation machinery", async () => {
    const { admin, set } = await seededSet();
    const server = await fakeServer({ reply: judgeMode.slow(150, judgeMode.malformed()) });
    const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency: 1 });
    const { judgeId } = await createJudge({ actor: admin, input: { name: `mumbling ${set.id}`, kind: "PAIRWISE", endpointId: endpoint.id } });
    const { runId } = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId } });
    await cancelRun({ actor: admin, runId });
    expect(await getDb().generationTask.count({ where: { runId, status: "CANCELLED" } })).toBe(8);
    startWorker();
    await resumeRun({ actor: admin, runId });
    await waitForRun(runId);
    expect(server.maxInFlight).toBe(1); // the endpoint's concurrency holds for judge tasks
    const outputs = await getDb().judgeOutput.findMany({ where: { runId } });
    expect(outputs).toHaveLength(8);
    expect(outputs.every((o) => o.verdict === null && o.raw.includes("rather not choose") && o.parseError!.includes("no verdict token"))).toBe(true);
    expect(await getDb().judgment.count({ where: { judgeRunId: runId } })).toBe(0);
    const [summary] = await getJudgeSummary({ actor: admin, promptSetId: set.id });
    expect(summary!.consistency).toMatchObject({ judged: 0, unparseable: 4, rate: null });
    expect(summary!.agreement).toMatchObject({ items: 0, unmatched: 5, rawAgreement: null });
    expect(summary!.unparseableSamples[0]!.raw).toContain("rather not choose");
  });

  it("grades single answers 1-10 as candidate scores, per template version", async () => {
    const { admin, set, prompts } = await seededSet();
    const server = await fakeServer({ reply: judgeMode.grading((answer) => (answer.startsWith("good") ? 8 : 3)) });
    const endpoint = await makeEndpoint(server.baseUrl);
    const { judgeId } = await createJudge({ actor: admin, input: { name: `grader ${set.id}`, kind: "SINGLE", endpointId: endpoint.id } });
    startWorker();
    const first = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId } });
    expect(first.taskCount).toBe(8);
    await waitForRun(first.runId);
    const scores = await getDb().candidateScore.findMany({ where: { promptSetId: set.id, scorerKind: "JUDGE" } });
    expect(scores).toHaveLength(8);
    expect(scores.find((s) => s.candidateId === prompts[0]!.good.id)).toMatchObject({ score: 8, reason: "Rating: 8", scorerVersion: "template v1", passed: null });
    expect((scores[0]!.details as { raw: string }).raw).toContain("Rating: [[");
    const [summary] = await getJudgeSummary({ actor: admin, promptSetId: set.id });
    expect(summary!.grades).toEqual([{ model: "test-model", candidates: 8, meanRating: 5.5, unparseable: 0 }]);

    // An edit is a new version; the next run records it and its grades sit beside the old ones.
    const edited = await updateJudgeTemplate({ actor: admin, judgeId, input: { system: "Grade strictly. Rating: [[n]]", user: "Q: {{question}}\n[Answer of the assistant]\n{{answer}}\n[End of answer]" } });
    expect(edited.templateVersion).toBe(2);
    expect((await listJudges({ actor: admin })).find((j) => j.id === judgeId)!.template.version).toBe(2);
    const second = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId } });
    await waitForRun(second.runId);
    expect(await getDb().candidateScore.count({ where: { promptSetId: set.id, scorerKind: "JUDGE", scorerVersion: "template v2" } })).toBe(8);
    expect((await getJudgeSummary({ actor: admin, promptSetId: set.id }))[0]!.runs.map((r) => r.templateVersion)).toEqual([2, 1]);
  });

  it("refuses bad input with a clear message and stores nothing: missing placeholders, no references, a 401 endpoint", async () => {
    const { admin, set } = await seededSet();
    const server = await fakeServer({ apiKey: "the-right-key", reply: fairJudge });
    const endpoint = await makeEndpoint(server.baseUrl, { apiKey: "a-wrong-key" });
    const before = await getDb().judge.count();
    await expect(createJudge({ actor: admin, input: { name: `broken ${set.id}`, kind: "PAIRWISE", endpointId: endpoint.id, user: "Which is better? {{question}} {{answer_a}}" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "The template is missing {{answer_b}}.",
      key: "field.templateMissing",
      fields: { user: "The template is missing {{answer_b}}." },
    });
    expect(await getDb().judge.count()).toBe(before);

    const { judgeId } = await createJudge({ actor: admin, input: { name: `keyed ${set.id}`, kind: "PAIRWISE", endpointId: endpoint.id } });
    await expect(updateJudgeTemplate({ actor: admin, judgeId, input: { user: "{{question}} {{answer}}" } })).rejects.toMatchObject({ message: expect.stringMatching(/missing \{\{answer_a\}\}, \{\{answer_b\}\} and has unknown \{\{answer\}\}/) });
    expect(await getDb().judgeTemplate.count({ where: { judgeId } })).toBe(1);

    const referenced = await createJudge({ actor: admin, input: { name: `reference ${set.id}`, kind: "REFERENCE", endpointId: endpoint.id } });
    const runsBefore = await getDb().generationRun.count({ where: { promptSetId: set.id } });
    await expect(startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId: referenced.judgeId } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("reference answer") });
    expect(await getDb().generationRun.count({ where: { promptSetId: set.id } })).toBe(runsBefore);

    startWorker();
    const { runId } = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId } });
    await waitForRun(runId);
    const failed = await getDb().generationTask.findMany({ where: { runId }, select: { status: true, lastError: true } });
    expect(failed.every((t) => t.status === "FAILED" && /401/.test(t.lastError ?? ""))).toBe(true);
    expect(await getDb().judgeOutput.count({ where: { runId } })).toBe(0);
    expect(await getDb().judgment.count({ where: { judgeRunId: runId } })).toBe(0);
    // The key never leaves the server: the listing names the endpoint and model only.
    expect(JSON.stringify(await listJudges({ actor: admin }))).not.toContain("a-wrong-key");
  });

  it("only admins configure and run judges; engineers read results; annotators nothing", async () => {
    const { set } = await seededSet();
    const server = await fakeServer({ reply: fairJudge });
    const endpoint = await makeEndpoint(server.baseUrl);
    const engineer = await makeUser("ENGINEER");
    const annotator = await makeUser("ANNOTATOR");
    await expect(createJudge({ actor: engineer, input: { name: "x", kind: "PAIRWISE", endpointId: endpoint.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getJudgeSummary({ actor: annotator, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listJudges({ actor: annotator })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getJudgeSummary({ actor: engineer, promptSetId: set.id })).resolves.toEqual([]);
  });

  it("exports by model judge, and humans first with judges filling in, counting each record's source", async () => {
    const admin = await makeUser("ADMIN");
    const annotator = await makeUser("ANNOTATOR");
    const set = await makePromptSet();
    const prompts = [];
    for (let i = 0; i < 4; i++) {
      const prompt = await makePrompt(set.id, [{ role: "user", content: `Question ${i}` }]);
      prompts.push({ prompt, good: await makeCandidate(prompt.id, `good answer ${i}`), bad: await makeCandidate(prompt.id, `bad answer ${i}`) });
    }
    // People judged prompts 0 and 1 (prompt 1 against the judge); the judge alone covers 2 and 3.
    await judgePair(prompts[0]!.prompt, annotator.id, prompts[0]!.good.id, prompts[0]!.bad.id);
    await judgePair(prompts[1]!.prompt, annotator.id, prompts[1]!.bad.id, prompts[1]!.good.id);
    const server = await fakeServer({ reply: judgeMode.fixed((a, b) => (a.startsWith("good") ? "a" : b.startsWith("good") ? "b" : "tie")) });
    const { judgeId } = await createJudge({ actor: admin, input: { name: `exporter ${set.id}`, kind: "PAIRWISE", endpointId: (await makeEndpoint(server.baseUrl)).id } });
    startWorker();
    const { runId } = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId } });
    await waitForRun(runId);

    const engineer = await makeUser("ENGINEER");
    async function exportRecords(source: string) {
      const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, split: { seed: "j", train: 1, test: 0 }, policy: { source } } });
      await drainExportQueue();
      expect((await getExport({ actor: engineer, exportId: queued.id })).error).toBeNull();
      const read = async (file: string) => (await buffer((await openExportFile({ actor: engineer, exportId: queued.id, path: file })).stream)).toString("utf8");
      const manifest = JSON.parse(await read("manifest.json")) as ExportManifest;
      const records = manifest.counts.rows === 0 ? [] : (await read("dpo/train.jsonl")).trimEnd().split("\n").map((line) => JSON.parse(line) as { chosen: { content: string }[] });
      return { manifest, chosen: records.map((r) => r.chosen[0]!.content).sort(), card: await read("README.md") };
    }

    const judged = await exportRecords("judge");
    expect(judged.chosen).toEqual(["good answer 0", "good answer 1", "good answer 2", "good answer 3"]);
    expect(judged.manifest.counts.bySource).toEqual({ human: 0, verifier: 0, "model-judge": 4 });
    expect(judged.manifest.counts.byJudgmentSource).toEqual({ MODEL_JUDGE: 4 });
    expect(judged.card).toContain("model judges 4");

    const filled = await exportRecords("human-then-judge");
    // Prompt 1 keeps the person's verdict (bad preferred) even though the judge disagrees.
    expect(filled.chosen).toEqual(["bad answer 1", "good answer 0", "good answer 2", "good answer 3"]);
    expect(filled.manifest.counts.bySource).toEqual({ human: 2, verifier: 0, "model-judge": 2 });
    expect(filled.manifest.counts.byJudgmentSource).toEqual({ HUMAN: 2, MODEL_JUDGE: 2 });
    expect(filled.card).toContain("Prompts that people judged use their judgments only");

    // The default stays people only: the judge's verdicts are not in it.
    const human = await exportRecords("human");
    expect(human.chosen).toEqual(["bad answer 1", "good answer 0"]);
    expect(human.manifest.counts.byJudgmentSource).toEqual({ HUMAN: 2 });
  });

  it("shows annotators the judge's verdict as the set says (hidden, before, after submit) and records the setting on each human judgment", async () => {
    const admin = await makeUser("ADMIN");
    const set = await makePromptSet();
    for (let i = 0; i < 3; i++) {
      const prompt = await makePrompt(set.id, [{ role: "user", content: `Question ${i}` }]);
      await makeCandidate(prompt.id, `good answer ${i}`);
      await makeCandidate(prompt.id, `bad answer ${i}`);
    }
    const server = await fakeServer({ reply: judgeMode.fixed((a, b) => (a.startsWith("good") ? "a" : b.startsWith("good") ? "b" : "tie")) });
    const judgeEndpoint = await makeEndpoint(server.baseUrl);
    const { judgeId } = await createJudge({ actor: admin, input: { name: `suggester ${set.id}`, kind: "PAIRWISE", endpointId: judgeEndpoint.id } });
    startWorker();
    const { runId } = await startJudgeRun({ actor: admin, promptSetId: set.id, input: { judgeId } });
    await waitForRun(runId);
    const annotator = await makeUser("ANNOTATOR");
    await setPromptSetMembers({ actor: admin, promptSetId: set.id, input: { userIds: [annotator.id] } });
    const content = async (id: string) => (await getDb().candidate.findUniqueOrThrow({ where: { id } })).content;
    const submit = async (item: NonNullable<Awaited<ReturnType<typeof claimAssignment>>["item"]>) =>
      submitJudgment({ actor: annotator, input: { assignmentId: item.assignmentId, idempotencyKey: `key-${item.assignmentId}`, shown: item.candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "A" } } });

    const hidden = (await claimAssignment({ actor: annotator, promptSetId: set.id })).item!;
    expect(hidden.judgeSuggestion).toBeUndefined();
    expect((await submit(hidden)).judgeSuggestion).toBeUndefined();

    await updateJudgeSuggestions({ actor: admin, promptSetId: set.id, input: { judgeSuggestions: "BEFORE" } });
    const before = (await claimAssignment({ actor: annotator, promptSetId: set.id })).item!;
    expect(await content(before.judgeSuggestion!.preferredCandidateId!)).toMatch(/^good/);
    expect(before.judgeSuggestion).toMatchObject({ orderConsistent: true, model: judgeEndpoint.model });
    await submit(before);

    await updateJudgeSuggestions({ actor: admin, promptSetId: set.id, input: { judgeSuggestions: "AFTER_SUBMIT" } });
    const after = (await claimAssignment({ actor: annotator, promptSetId: set.id })).item!;
    expect(after.judgeSuggestion).toBeUndefined();
    const submitted = await submit(after);
    expect(await content(submitted.judgeSuggestion!.preferredCandidateId!)).toMatch(/^good/);

    const recorded = await getDb().judgment.findMany({ where: { promptSetId: set.id, source: "HUMAN" }, orderBy: { createdAt: "asc" }, select: { judgeSuggestions: true } });
    expect(recorded.map((j) => j.judgeSuggestions)).toEqual(["HIDDEN", "BEFORE", "AFTER_SUBMIT"]);
    await expect(updateJudgeSuggestions({ actor: annotator, promptSetId: set.id, input: { judgeSuggestions: "BEFORE" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateJudgeSuggestions({ actor: admin, promptSetId: set.id, input: { judgeSuggestions: "ALWAYS" } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("judgeSuggestions") });
  });
});

import { parquetReadObjects } from "hyparquet";
import { randomUUID } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startFakeOpenAiServer } from "@/tests/support/fake-openai-server";
import { makeUser } from "@/tests/support/factories";
import { makeEndpoint, makePromptSetWithPrompts } from "@/tests/support/generation-factories";
import type { ExportManifest } from "../../export/build-export";
import { drainExportQueue } from "../../export/run-exports";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { errorText } from "@/lib/i18n/translate";
import { runWorker } from "../../generation/worker";
import { claimAssignment } from "../annotation/claim-assignment";
import { createExport } from "../exports/create-export";
import { getExport } from "../exports/get-export";
import { openExportFile } from "../exports/open-export-download";
import { startRun } from "../generation/start-run";
import { importPrompts } from "../import/import-prompts";
import { createPromptSet } from "../prompt-sets/create-prompt-set";
import { setPromptSetMembers } from "../prompt-sets/set-prompt-set-members";
import { applyRewriteRules } from "../rewrite-rules/apply-rewrite-rules";
import { createRewriteRule } from "../rewrite-rules/create-rewrite-rule";
import { getVerifierSummary } from "./get-verifier-summary";
import { listCandidateScores } from "./list-candidate-scores";
import { runSetVerifiers } from "./run-set-verifiers";
import { updateVerifierSettings } from "./update-verifier-settings";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function* body(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}
const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join("\n") + "\n";

async function mathSet() {
  const admin = await makeUser("ADMIN");
  const set = await createPromptSet({ actor: admin, input: { name: `Maths ${randomUUID()}` } });
  await updateVerifierSettings({ actor: admin, promptSetId: set.id, input: { checks: [{ type: "math" }] } });
  return { admin, set };
}

/** Four GSM8K-style prompts with answers: 2 right + 1 wrong, 1 right, 0 right + 2 wrong, and a reference that cannot be parsed. */
const mathsFile = jsonl(
  { prompt: "Natalia sold clips to 48 friends in April and half as many in May. How many in all?", answer: "48/2 = 24 in May.\n#### 72", responses: ["48 + 24 = \\boxed{72}", "The answer is 72.", "So she sold 70."] },
  { prompt: "What is 1/2 as a percentage?", reference: "50\\%", responses: [{ content: "It is \\boxed{\\frac{1}{2}}", model: "m-b" }] },
  { prompt: "What is 2 + 2?", reference: "4", responses: ["\\boxed{5}", "It's 3"], checks: [{ type: "math", relTolerance: 0.5 }] },
  { prompt: "Broken reference", reference: "\\frac{", responses: ["\\boxed{1}"] },
);

async function verifierRows(promptSetId: string) {
  return getDb().candidateScore.findMany({ where: { promptSetId }, include: { candidate: { select: { content: true } } }, orderBy: { createdAt: "asc" } });
}

describe("verifiers", () => {
  it("score imported answers on import, with extracted answers, a prompt's own checks and a clear message for a bad reference", async () => {
    const { admin, set } = await mathSet();
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: body(mathsFile) });
    expect(result).toMatchObject({ committed: true, imported: 4, candidatesImported: 7 });

    const rows = await verifierRows(set.id);
    const byContent = Object.fromEntries(rows.map((row) => [row.candidate.content, row]));
    expect(rows).toHaveLength(7);
    expect(byContent["48 + 24 = \\boxed{72}"]).toMatchObject({ scorerName: "math", passed: true, score: 1, extractedAnswer: "72" });
    expect(byContent["The answer is 72."]).toMatchObject({ passed: true, extractedAnswer: "72" });
    expect(byContent["So she sold 70."]).toMatchObject({ passed: false, score: 0, extractedAnswer: "70", details: { method: "last-number" } });
    expect(byContent["It is \\boxed{\\frac{1}{2}}"]).toMatchObject({ passed: true });
    // The prompt's own check (tolerance 0.5) replaced the set's: 5 and 3 are both within 50% of 4.
    expect(byContent["\\boxed{5}"]!.passed).toBe(true);
    expect(byContent["\\boxed{1}"]).toMatchObject({ passed: null, score: null, reason: 'the reference answer "\\frac{" cannot be parsed as maths (read as "\\frac{")' });

    const summary = await getVerifierSummary({ actor: admin, promptSetId: set.id });
    expect(summary.candidates).toBe(7);
    expect(summary.scoredCandidates).toBe(7);
    expect(summary.byVerifier).toEqual([{ verifier: "math", total: 7, passed: 5, failed: 1, undecided: 1, rate: 5 / 6 }]);
    expect(summary.byModel).toContainEqual({ model: "m-b", total: 1, passed: 1, failed: 0, undecided: 0, rate: 1 });
    expect(summary.undecidedReasons).toEqual([{ reason: 'the reference answer "\\frac{" cannot be parsed as maths (read as "\\frac{")', count: 1 }]);
  });

  it("refuses a prompt file whose checks are invalid, naming the line, and a set configuration naming the check", async () => {
    const { admin, set } = await mathSet();
    const bad = jsonl({ prompt: "ok" }, { prompt: "bad", checks: [{ type: "regex", pattern: "(" }] });
    const result = await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: body(bad) });
    expect(result.committed).toBe(false);
    expect(result.errors[0]!.message).toMatch(/^line 2: field "checks": \[0\]\.pattern: not a valid regular expression/);
    const refused = await updateVerifierSettings({ actor: admin, promptSetId: set.id, input: { checks: '[{"type":"word-count","min":5,"max":1}]' } }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: "checks[0].max: must be at least min", fields: { checks: "checks[0].max: must be at least min" } });
    // The form's reason reads the same problem, with its place, in the user's language.
    const reason = (refused as AppError).fieldReasons!.checks!;
    expect(errorText("zh-CN", reason.key, reason.params)).toBe("checks[0].max：不能小于 min");
    expect(errorText("zh-CN", result.errors[0]!.problem.key, result.errors[0]!.problem.params)).toMatch(/^\[0\]\.pattern：不是有效的正则表达式：/);
    // Nothing half-stored: the set keeps its checks.
    expect((await getDb().promptSet.findUniqueOrThrow({ where: { id: set.id } })).verifierChecks).toEqual([{ type: "math" }]);
  });

  it("re-running after a change adds new versions beside the old ones; the newest counts", async () => {
    const { admin, set } = await mathSet();
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: body(mathsFile) });
    const again = await runSetVerifiers({ actor: admin, promptSetId: set.id });
    expect(again).toMatchObject({ candidates: 7, results: 7, created: 0 });

    await updateVerifierSettings({ actor: admin, promptSetId: set.id, input: { checks: [{ type: "math", relTolerance: 0.05 }, { type: "word-count", max: 3 }] } });
    const changed = await runSetVerifiers({ actor: admin, promptSetId: set.id });
    // 7 word-count results, and new math versions for the 6 prompts' candidates using the set's check (the 2+2 prompt keeps its own).
    expect(changed).toMatchObject({ candidates: 7, results: 14, created: 7 + 5 });
    expect(await getDb().candidateScore.count({ where: { promptSetId: set.id } })).toBe(7 + 12);
    const summary = await getVerifierSummary({ actor: admin, promptSetId: set.id });
    // "So she sold 70." is within 5% of 72 now.
    expect(summary.byVerifier.find((v) => v.verifier === "math")).toMatchObject({ passed: 6, failed: 0, undecided: 1 });
    const listed = await listCandidateScores({ actor: admin, promptSetId: set.id, query: {} });
    expect(listed.scores).toHaveLength(14);
    const history = await listCandidateScores({ actor: admin, promptSetId: set.id, query: { history: "1" } });
    expect(history.scores).toHaveLength(19);
  });

  it("score generated candidates as the worker stores them (fake model server)", async () => {
    const admin = await makeUser("ADMIN");
    const server = await startFakeOpenAiServer({ reply: (_request, index) => ({ kind: "ok", content: index % 2 === 0 ? "Thinking... \\boxed{72}" : "I get \\boxed{70}." }) });
    cleanups.push(() => server.close());
    const set = await makePromptSetWithPrompts(2, { label: "verify-gen" });
    await getDb().prompt.updateMany({ where: { promptSetId: set.id }, data: { referenceAnswer: "72" } });
    await updateVerifierSettings({ actor: admin, promptSetId: set.id, input: { checks: [{ type: "math" }, { type: "must-not-include", texts: ["70"] }] } });
    const endpoint = await makeEndpoint(server.baseUrl);
    const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: "2" } });
    const controller = new AbortController();
    const worker = runWorker({ signal: controller.signal, pollMs: 50 });
    cleanups.push(async () => (controller.abort(), await worker));
    await vi.waitFor(async () => expect(await getDb().candidateScore.count({ where: { promptSetId: set.id } })).toBe(8), { timeout: 30_000, interval: 50 });
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
    const summary = await getVerifierSummary({ actor: admin, promptSetId: set.id });
    expect(summary.byModel).toEqual([{ model: endpoint.model, total: 4, passed: 2, failed: 2, undecided: 0, rate: 0.5 }]);
    expect(summary.byVerifier).toEqual([
      { verifier: "math", total: 4, passed: 2, failed: 2, undecided: 0, rate: 0.5 },
      { verifier: "must-not-include", total: 4, passed: 2, failed: 2, undecided: 0, rate: 0.5 },
    ]);
  });

  it("score rule-derived candidates when rules are applied", async () => {
    const admin = await makeUser("ADMIN");
    const set = await createPromptSet({ actor: admin, input: { name: `Identity ${randomUUID()}` } });
    await updateVerifierSettings({ actor: admin, promptSetId: set.id, input: { checks: [{ type: "must-include", texts: ["Deep Qwen"] }, { type: "must-not-include", texts: ["I am Qwen"] }] } });
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: body(jsonl({ prompt: "Who are you?", responses: ["I am Qwen, by Alibaba Cloud."] })) });
    await createRewriteRule({ actor: admin, promptSetId: set.id, input: { pattern: "Qwen", replacement: "Deep Qwen" } });
    await applyRewriteRules({ actor: admin, promptSetId: set.id });
    const summary = await getVerifierSummary({ actor: admin, promptSetId: set.id });
    expect(summary.byModel).toEqual([
      { model: "Imported", total: 1, passed: 0, failed: 1, undecided: 0, rate: 0 },
      { model: "Rule Derived", total: 1, passed: 1, failed: 0, undecided: 0, rate: 1 },
    ]);
  });

  it("annotators see the results while judging only when the set says so", async () => {
    const { admin, set } = await mathSet();
    const annotator = await makeUser("ANNOTATOR");
    await setPromptSetMembers({ actor: admin, promptSetId: set.id, input: { userIds: [annotator.id] } });
    const file = jsonl({ prompt: "What is 6 x 7?", reference: "42", responses: ["\\boxed{42}", "\\boxed{41}"] });
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: body(file) });
    const hidden = await claimAssignment({ actor: annotator, promptSetId: set.id });
    expect(hidden.item!.candidates.every((candidate) => candidate.scores === undefined)).toBe(true);
    await updateVerifierSettings({ actor: admin, promptSetId: set.id, input: { showScoresToAnnotators: true } });
    const shown = await claimAssignment({ actor: annotator, promptSetId: set.id });
    const byContent = Object.fromEntries(shown.item!.candidates.map((candidate) => [candidate.content, candidate.scores]));
    expect(byContent["\\boxed{42}"]).toEqual([{ verifier: "math", passed: true, reason: expect.stringContaining("matches the reference"), extractedAnswer: "42" }]);
    expect(byContent["\\boxed{41}"]).toEqual([{ verifier: "math", passed: false, reason: expect.stringContaining("does not match"), extractedAnswer: "41" }]);
  });

  it("only admins configure and run verifiers; engineers read results; annotators nothing", async () => {
    const { set } = await mathSet();
    const [engineer, annotator] = [await makeUser("ENGINEER"), await makeUser("ANNOTATOR")];
    await expect(runSetVerifiers({ actor: engineer, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const empty = await createPromptSet({ actor: await makeUser("ADMIN"), input: { name: `Empty ${randomUUID()}` } });
    await expect(runSetVerifiers({ actor: (await makeUser("ADMIN")), promptSetId: empty.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("has no verifier checks") });
    await expect(updateVerifierSettings({ actor: engineer, promptSetId: set.id, input: { checks: [] } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getVerifierSummary({ actor: annotator, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listCandidateScores({ actor: annotator, promptSetId: set.id, query: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getVerifierSummary({ actor: engineer, promptSetId: set.id })).checkCount).toBe(1);
  });
});

describe("export by verifier outcome", () => {
  async function exportText(settings: Record<string, unknown>, path: string) {
    const engineer = await makeUser("ENGINEER");
    const queued = await createExport({ actor: engineer, input: settings });
    await drainExportQueue();
    const done = await getExport({ actor: engineer, exportId: queued.id });
    expect(done.error).toBeNull();
    const read = async (file: string) => (await buffer((await openExportFile({ actor: engineer, exportId: queued.id, path: file })).stream)).toString("utf8");
    const records = (await read(path)).trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    return { records, manifest: JSON.parse(await read("manifest.json")) as ExportManifest, card: await read("README.md") };
  }

  it("writes correct-vs-incorrect DPO pairs, rejection-sampling SFT, KTO labels and a difficulty-filtered GRPO file, counted by source", async () => {
    const { admin, set } = await mathSet();
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: body(mathsFile) });
    const base = { filters: { promptSetIds: [set.id] }, split: { seed: "v", train: 1, test: 0 } };

    const dpo = await exportText({ ...base, format: "trl-preference", policy: { source: "verifier", kind: "all-pairs" } }, "dpo/train.jsonl");
    const natalia = [{ role: "user", content: expect.stringContaining("Natalia") }];
    expect(dpo.records).toHaveLength(2);
    expect(dpo.records).toContainEqual({ prompt: natalia, chosen: [{ role: "assistant", content: "48 + 24 = \\boxed{72}" }], rejected: [{ role: "assistant", content: "So she sold 70." }] });
    expect(dpo.records).toContainEqual({ prompt: natalia, chosen: [{ role: "assistant", content: "The answer is 72." }], rejected: [{ role: "assistant", content: "So she sold 70." }] });
    expect(dpo.manifest.counts.bySource).toEqual({ human: 0, verifier: 2, "model-judge": 0 });
    // Records built from verifier outcomes are counted as such, not by the prompt's (absent) judgments.
    expect(dpo.manifest.counts.byJudgmentSource).toEqual({ VERIFIER: 2 });
    // 2+2 prompt: both candidates pass its own lenient check, no incorrect one; 1/2: one correct only; broken: undecided.
    expect(dpo.manifest.dropped).toMatchObject({ "no-verified-pair": 3, unverified: 1 });
    expect(dpo.card).toContain("Records by the source of their verdict: human judgments 0, verifiers 2, model judges 0.");

    const best = await exportText({ ...base, format: "trl-preference", policy: { source: "verifier", kind: "best-vs-worst" } }, "dpo/train.jsonl");
    expect(best.records).toEqual([expect.objectContaining({ chosen: [{ role: "assistant", content: "The answer is 72." }], rejected: [{ role: "assistant", content: "So she sold 70." }] })]);

    const sft = await exportText({ ...base, format: "trl-messages", policy: { source: "verifier" } }, "sft/train.jsonl");
    expect(sft.records.map((r) => (r.messages as { content: string }[]).at(-1)!.content).sort()).toEqual(["It is \\boxed{\\frac{1}{2}}", "It's 3", "The answer is 72."]);

    const kto = await exportText({ ...base, format: "kto", policy: { source: "verifier" } }, "kto/train.jsonl");
    expect(kto.records.filter((r) => r.label === true)).toHaveLength(5);
    expect(kto.records.filter((r) => r.label === false)).toHaveLength(1);

    const grpo = await exportText(
      { ...base, format: "prompt-only", policy: { groundTruth: "require", verifierChecks: true, passRate: { minSamples: 2 } } },
      "prompts/train.jsonl",
    );
    // Only Natalia's prompt has 2+ verified samples with some passing and some failing.
    expect(grpo.records).toEqual([
      {
        prompt: [{ role: "user", content: expect.stringContaining("Natalia") }],
        // The import keeps a GSM8K solution's final answer (after ####) as the reference answer.
        ground_truth: "72",
        checks: JSON.stringify([{ type: "math", enabled: true, relTolerance: 1e-6, absTolerance: 1e-9, percent: "lenient" }]),
        pass_rate: 2 / 3,
        n_samples: 3,
      },
    ]);
    expect(grpo.manifest.dropped).toMatchObject({ "too-few-samples": 2, "all-pass": 1 });

    // veRL parquet with the same filter carries the same columns in extra_info (what compute_score receives).
    const verlSettings = { ...base, format: "verl-parquet", policy: { groundTruth: "require", verifierChecks: true, passRate: { minSamples: 2 } } };
    const engineer = await makeUser("ENGINEER");
    const verl = await createExport({ actor: engineer, input: verlSettings });
    await drainExportQueue();
    expect((await getExport({ actor: engineer, exportId: verl.id })).error).toBeNull();
    const bytes = await buffer((await openExportFile({ actor: engineer, exportId: verl.id, path: "prompts/train.parquet" })).stream);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    expect(rows).toHaveLength(1);
    expect((rows[0] as { extra_info: Record<string, unknown> }).extra_info).toMatchObject({ checks: grpo.records[0]!.checks, pass_rate: 2 / 3, n_samples: 3n });
  });

  it("refuses verifier pairing where it means nothing, naming the field", async () => {
    const { admin, set } = await mathSet();
    await expect(createExport({ actor: admin, input: { format: "trl-preference", filters: { promptSetIds: [set.id] }, policy: { source: "verifier", kind: "adjacent" } } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("policy.kind: verifier outcomes are pass / fail"),
    });
    await expect(createExport({ actor: admin, input: { format: "kto", filters: { promptSetIds: [set.id] }, policy: { passRate: { minSamples: 2 } } } })).rejects.toMatchObject({
      message: expect.stringContaining("policy.passRate: only prompt-only exports carry verifier columns"),
    });
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemActor } from "../authz/actor";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../db/client";
import { getLeaderboard } from "../services/quality/get-leaderboard";
import { getSetQuality } from "../services/quality/get-set-quality";
import { demoRanks, EVALUATION_DEMO, planEvaluationDemo } from "./evaluation-demo";
import { identityDemo } from "./identity-demo";
import { seedEvaluationDemo } from "./seed-first-start";
import { scoreCandidates } from "../services/verifiers/score-candidates";
import { leaderboardCsv } from "@/lib/quality/csv-tables";
import { newcombeDifference } from "@/lib/quality/leaderboard";

describe("the evaluation demo seeded on first start", () => {
  it("gives the Quality page agreement and gold accuracy, and the Leaderboard two models with intervals", async () => {
    const admin = await makeUser("ADMIN");
    const first = await makeUser("ANNOTATOR");
    const second = await makeUser("ANNOTATOR");
    const setId = await getDb().$transaction((tx) => seedEvaluationDemo(tx, { adminId: admin.id, annotatorIds: [first.id, second.id], name: `Evaluation demo ${randomUUID()}` }), { timeout: 60_000 });
    const plan = planEvaluationDemo(identityDemo.prompts);
    const nonGold = plan.filter((item) => !item.isGold);

    const quality = await getSetQuality({ actor: systemActor("test"), promptSetId: setId });
    expect(quality.judgments).toBe(plan.length * 2);
    // Raw agreement counted from the plan: one pair per non-gold prompt, agreeing when both verdicts match.
    const agreeing = nonGold.filter((item) => item.judgments[0]!.verdict === item.judgments[1]!.verdict).length;
    expect(quality.agreement.pairwise).toMatchObject({ pairs: nonGold.length, agreeingPairs: agreeing, units: nonGold.length });
    expect(quality.agreement.alpha.alpha).not.toBeNull();
    expect(quality.goldPrompts).toBe(2);
    const row = (id: string) => quality.annotators.find((annotator) => annotator.annotatorId === id)!;
    expect(row(first.id)).toMatchObject({ judgments: plan.length, goldItems: 2, goldCorrect: 2, goldAccuracy: 1, goldFlagged: false });
    expect(row(second.id)).toMatchObject({ judgments: plan.length, goldItems: 2, goldCorrect: 1, goldAccuracy: 0.5, goldFlagged: true });
    // Nothing left to claim: every non-gold prompt has its overlap of judgments.
    const prompts = await getDb().prompt.findMany({ where: { promptSetId: setId }, select: { openSlots: true, gold: true } });
    expect(prompts.filter((prompt) => prompt.gold === null).map((prompt) => prompt.openSlots)).toEqual(nonGold.map(() => 0));

    const board = await getLeaderboard({ actor: systemActor("test"), query: { promptSetId: setId, resamples: "200" } });
    const human = board.boards.find((entry) => entry.source === "HUMAN")!;
    expect(human.models.map((model) => model.name)).toEqual([EVALUATION_DEMO.tunedModel, EVALUATION_DEMO.baseModel]);
    expect(human.comparisons).toBe(nonGold.length * 2);
    for (const model of human.models) {
      expect(model.low).not.toBeNull();
      expect(model.high).not.toBeNull();
      expect(model.low!).toBeLessThanOrEqual(model.theta);
      expect(model.high!).toBeGreaterThanOrEqual(model.theta);
    }
    // The tuned model's head-to-head score from the plan (ties and both-bad half), against the win-rate cell.
    const score = nonGold.flatMap((item) => item.judgments).reduce((sum, judgment) => {
      const ranks = demoRanks(judgment.verdict);
      return sum + (ranks.outcome === "PREFERENCE" ? (ranks.tuned === 1 ? 1 : 0) : 0.5);
    }, 0);
    const cell = human.winRates.find((entry) => entry.a === `model:${EVALUATION_DEMO.tunedModel}` && entry.b === `model:${EVALUATION_DEMO.baseModel}`)!;
    expect(cell.winRate).toBeCloseTo(score / (nonGold.length * 2), 10);
    expect(board.categories.map((entry) => entry.category)).toEqual(expect.arrayContaining(["chinese", "english"]));
    expect(board.verifiers.available).toBe(false);
    // The breakdown's metadata key is the caller's: "demo" is a boolean there, so no category; an unknown key gives none either.
    for (const categoryKey of ["demo", "no-such-key"]) {
      const other = await getLeaderboard({ actor: systemActor("test"), query: { promptSetId: setId, resamples: "100", categoryKey } });
      expect(other).toMatchObject({ categoryKey, categories: [] });
    }
    await expect(getLeaderboard({ actor: systemActor("test"), query: { promptSetId: setId, categoryKey: " " } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/categoryKey: enter category key/) });

    // The seed scores the set's instruction checks after its commit; then the Leaderboard has pass rates.
    await scoreCandidates({ promptSetId: setId });
    const scored = await getLeaderboard({ actor: systemActor("test"), query: { promptSetId: setId, resamples: "200" } });
    const rate = (model: string, verifier: string) => scored.verifiers.passRates.find((row) => row.model === `model:${model}` && row.verifier === verifier);
    // Counted from the texts themselves (gold prompts left out): the tuned answers all name Deep Qwen, no base answer does.
    const mentions = (texts: string[], pattern: RegExp) => texts.filter((text) => pattern.test(text)).length;
    const baseTexts = nonGold.map((item) => item.base);
    const tunedTexts = nonGold.map((item) => item.tuned);
    expect(rate(EVALUATION_DEMO.tunedModel, "names Deep Qwen")).toMatchObject({ kind: "instruction", total: nonGold.length, passed: nonGold.length, rate: 1 });
    expect(rate(EVALUATION_DEMO.baseModel, "names Deep Qwen")).toMatchObject({ passed: 0, rate: 0 });
    const clean = (texts: string[]) => texts.length - mentions(texts, /alibaba|openai|阿里云|chatgpt/i);
    expect(rate(EVALUATION_DEMO.baseModel, "no other maker")).toMatchObject({ passed: clean(baseTexts) });
    expect(rate(EVALUATION_DEMO.tunedModel, "all instruction checks")).toMatchObject({ kind: "all-instructions", passed: clean(tunedTexts), total: nonGold.length });
    expect(scored.verifiers.available).toBe(true);

    // Comparing the two models: strength, head-to-head, and each check's pass-rate difference with its interval.
    const [tunedKey, baseKey] = [`model:${EVALUATION_DEMO.tunedModel}`, `model:${EVALUATION_DEMO.baseModel}`];
    const compared = await getLeaderboard({ actor: systemActor("test"), query: { resamples: "200", compareA: tunedKey, compareB: baseKey } });
    const ours = compared.compare!.rows.filter((row) => row.promptSetId === setId);
    expect(ours.map((row) => row.metric).sort()).toEqual(["head-to-head win rate of A", "pass rate difference (A - B): all instruction checks", "pass rate difference (A - B): names Deep Qwen", "pass rate difference (A - B): no other maker", "strength difference (theta A - theta B)"]);
    const names = ours.find((row) => row.metric.endsWith("names Deep Qwen"))!;
    const expected = newcombeDifference(nonGold.length, nonGold.length, 0, nonGold.length)!;
    expect(names).toMatchObject({ source: "VERIFIER", value: 1, comparisons: nonGold.length * 2 });
    expect(names.low).toBeCloseTo(expected.low, 10);
    expect(names.high).toBeCloseTo(1, 10);
    expect(ours.find((row) => row.metric.startsWith("strength"))!.value!).toBeGreaterThan(0);
    expect(leaderboardCsv(scored, "pass-rates").split("\r\n")[0]).toBe("model_key,name,verifier,kind,check_type,scored,passed,undecided,pass_rate,ci95_low,ci95_high");
  });
});

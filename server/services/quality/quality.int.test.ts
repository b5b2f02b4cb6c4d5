import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeAnnotationSet, newKey } from "@/tests/support/annotation-factories";
import { makeUser, type TestUser } from "@/tests/support/factories";
import { getDb } from "../../db/client";
import { claimAssignment } from "../annotation/claim-assignment";
import { submitJudgment } from "../annotation/submit-judgment";
import { getLeaderboard } from "./get-leaderboard";
import { getSetQuality } from "./get-set-quality";
import { setModelLabel } from "./set-model-label";
import { setPromptGold } from "./set-prompt-gold";
import { unpauseMember } from "./unpause-member";
import { updateQualitySettings } from "./update-quality-settings";
import { leaderboardCsv, qualityCsv } from "@/lib/quality/csv-tables";

/** The prompt's two candidates in id order (the order nominal alpha orients a pair by). */
async function candidatesOf(promptId: string): Promise<[string, string]> {
  const rows = await getDb().candidate.findMany({ where: { promptId }, orderBy: { id: "asc" }, select: { id: true } });
  return [rows[0]!.id, rows[1]!.id];
}

/** Stores a HUMAN pairwise judgment directly: `shown` in position order, `pick` A (left), B, TIE or BOTH_BAD. */
async function seedJudgment(promptSetId: string, promptId: string, annotatorId: string, shown: [string, string], pick: "A" | "B" | "TIE" | "BOTH_BAD", source: "HUMAN" | "IMPORTED" = "HUMAN") {
  const ranks = { A: [1, 2], B: [2, 1], TIE: [1, 1], BOTH_BAD: [null, null] }[pick];
  await getDb().judgment.create({
    data: {
      promptId, promptSetId, annotatorId: source === "IMPORTED" ? null : annotatorId, source, idempotencyKey: newKey(), mode: "PAIRWISE",
      outcome: pick === "TIE" ? "TIE" : pick === "BOTH_BAD" ? "ALL_BAD" : "PREFERENCE", timeSpentMs: 2000,
      candidates: { create: shown.map((candidateId, position) => ({ candidateId, position, rank: ranks[position] ?? null })) },
    },
  });
}

/** A lease the annotator holds, so the real submit path runs. */
async function lease(promptSetId: string, promptId: string, annotator: TestUser) {
  return getDb().assignment.create({ data: { promptId, promptSetId, annotatorId: annotator.id, expiresAt: new Date(Date.now() + 600_000) }, select: { id: true } });
}

describe("quality statistics from seeded judgments", () => {
  it("computes agreement, annotator statistics and disagreements with the answers worked out by hand", async () => {
    const [u1, u2, u3, engineer, annotator] = await Promise.all([makeUser("ANNOTATOR"), makeUser("ANNOTATOR"), makeUser("ANNOTATOR"), makeUser("ENGINEER"), makeUser("ANNOTATOR")]);
    const set = await makeAnnotationSet({ memberIds: [u1.id, u2.id, u3.id], prompts: 3, overlap: 3 });
    const [p1, p2, p3] = set.promptIds as [string, string, string];
    const c1 = await candidatesOf(p1);
    const c2 = await candidatesOf(p2);
    const c3 = await candidatesOf(p3);
    // p1: u1 X, u2 X (shown the other way round), u3 Y; p2: all Y; p3: u1 tie, u2 X. An imported label that must not count.
    await seedJudgment(set.id, p1, u1.id, c1, "A");
    await seedJudgment(set.id, p1, u2.id, [c1[1], c1[0]], "B");
    await seedJudgment(set.id, p1, u3.id, c1, "B");
    for (const u of [u1, u2, u3]) await seedJudgment(set.id, p2, u.id, c2, "B");
    await seedJudgment(set.id, p3, u1.id, c3, "TIE");
    await seedJudgment(set.id, p3, u2.id, c3, "A");
    await seedJudgment(set.id, p3, u1.id, c3, "B", "IMPORTED");

    const quality = await getSetQuality({ actor: engineer, promptSetId: set.id });
    expect(quality.judgments).toBe(8);
    expect(quality.agreement.pairwise).toEqual({ agreement: 4 / 7, agreeingPairs: 4, pairs: 7, units: 3 });
    expect(quality.agreement.majorityShare).toBe(6 / 8);
    expect(quality.agreement.alpha.alpha).toBeCloseTo(1 - 28 / 38, 10);
    const row1 = quality.annotators.find((a) => a.annotatorId === u1.id)!;
    expect(row1).toMatchObject({ name: u1.name, judgments: 3, looAgreement: 2 / 3, tieRate: 1 / 3, medianTimeMs: 2000 });
    expect(quality.disagreements.map((d) => d.promptId)).toEqual([p3, p1]);
    expect(qualityCsv(quality, "annotators").split("\r\n")[0]).toMatch(/^annotator_id,name,email,judgments,median_time_ms,loo_majority_agreement/);

    await expect(getSetQuality({ actor: annotator, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getSetQuality({ actor: engineer, promptSetId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("gold prompts", () => {
  it("an admin marks gold; a wrong answer past the threshold flags and pauses the member in the same transaction; unpause lifts it", async () => {
    const [admin, engineer, u1] = await Promise.all([makeUser("ADMIN"), makeUser("ENGINEER"), makeUser("ANNOTATOR")]);
    const set = await makeAnnotationSet({ memberIds: [u1.id], prompts: 3, overlap: 1 });
    await updateQualitySettings({ actor: admin, promptSetId: set.id, input: { goldRate: 0.5, goldMinItems: 2, goldMinAccuracy: 0.75, goldPause: true, overlapMax: null, adaptiveMinAgreement: null } });
    const [g1, g2] = set.promptIds as [string, string];
    const a1 = await candidatesOf(g1);
    const a2 = await candidatesOf(g2);
    await expect(setPromptGold({ actor: engineer, promptId: g1, input: { gold: { shown: a1, verdict: { kind: "pairwise", verdict: "A" } } } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setPromptGold({ actor: admin, promptId: g1, input: { gold: { shown: [a1[0], a2[0]], verdict: { kind: "pairwise", verdict: "A" } } } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^gold\.shown: .* is not one of this prompt's candidates$/),
      key: "invalidFields",
      fieldReasons: { "gold.shown": { key: "field.candidateNotOfPrompt", params: { id: a2[0] } } },
    });
    await expect(setPromptGold({ actor: admin, promptId: g1, input: { gold: { shown: a1, verdict: { kind: "ranking", order: a1, tiedWithAbove: [false, false] } } } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "gold.verdict: this prompt set is judged by pairwise choice.",
      key: "field.atPlace",
      fields: { "gold.verdict": "this prompt set is judged by pairwise choice." },
      fieldReasons: { "gold.verdict": { key: "field.judgedPairwise" } },
    });
    await setPromptGold({ actor: admin, promptId: g1, input: { gold: { shown: a1, verdict: { kind: "pairwise", verdict: "A" } } } });
    await setPromptGold({ actor: admin, promptId: g2, input: { gold: { shown: a2, verdict: { kind: "pairwise", verdict: "B" } } } });

    // First gold item right (shown reversed: B is a1[0]), not yet at the minimum: no pause.
    const l1 = await lease(set.id, g1, u1);
    await submitJudgment({ actor: u1, input: { assignmentId: l1.id, idempotencyKey: newKey(), shown: [a1[1], a1[0]], verdict: { kind: "pairwise", verdict: "B" } } });
    expect((await getDb().promptSetMember.findUniqueOrThrow({ where: { promptSetId_userId: { promptSetId: set.id, userId: u1.id } } })).pausedAt).toBeNull();
    // Second one wrong: 1 of 2 = 50% < 75% after 2 items -> paused.
    const l2 = await lease(set.id, g2, u1);
    await submitJudgment({ actor: u1, input: { assignmentId: l2.id, idempotencyKey: newKey(), shown: a2, verdict: { kind: "pairwise", verdict: "A" } } });
    const member = await getDb().promptSetMember.findUniqueOrThrow({ where: { promptSetId_userId: { promptSetId: set.id, userId: u1.id } } });
    expect(member.pausedAt).not.toBeNull();
    expect(member.pausedWhy).toBe("Gold accuracy 50% over 2 gold items is below the set's minimum of 75%.");
    expect(member.pausedReason).toEqual({ key: "goldAccuracy", params: { accuracy: 0.5, items: 2, minimum: 0.75 } });
    // The annotator is told the same, as a key and figures the workspace puts in their language.
    expect((await claimAssignment({ actor: u1, promptSetId: set.id })).paused).toMatchObject({ reason: { key: "goldAccuracy", params: { accuracy: 0.5, items: 2, minimum: 0.75 } } });

    const quality = await getSetQuality({ actor: admin, promptSetId: set.id });
    expect(quality.goldPrompts).toBe(2);
    expect(quality.annotators[0]).toMatchObject({ annotatorId: u1.id, goldItems: 2, goldCorrect: 1, goldAccuracy: 0.5, goldFlagged: true, outlier: true });
    expect(quality.annotators[0]!.pausedAt).not.toBeNull();

    await unpauseMember({ actor: admin, promptSetId: set.id, userId: u1.id });
    expect(await getDb().promptSetMember.findUniqueOrThrow({ where: { promptSetId_userId: { promptSetId: set.id, userId: u1.id } }, select: { pausedAt: true, pausedWhy: true, pausedReason: true } })).toEqual({
      pausedAt: null,
      pausedWhy: null,
      pausedReason: null,
    });
    await expect(unpauseMember({ actor: admin, promptSetId: set.id, userId: u1.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getDb().auditLog.count({ where: { action: { in: ["prompt.gold.set", "prompt_set.member.unpause", "prompt_set.quality_settings"] }, OR: [{ entityId: set.id }, { entityId: { in: [g1, g2] } }] } })).toBe(4);
  });

  it("settings are checked together, against the set's overlap, with each field named", async () => {
    const admin = await makeUser("ADMIN");
    const set = await makeAnnotationSet({ memberIds: [], prompts: 1, overlap: 3 });
    const base = { goldRate: 0.1, goldMinItems: 5, goldMinAccuracy: 0.7, goldPause: false };
    await expect(updateQualitySettings({ actor: admin, promptSetId: set.id, input: { ...base, overlapMax: 2, adaptiveMinAgreement: 0.6 } })).rejects.toMatchObject({
      code: "BAD_REQUEST", fields: { overlapMax: "maximum overlap must be at least the set's overlap (3)" },
    });
    await expect(updateQualitySettings({ actor: admin, promptSetId: set.id, input: { ...base, overlapMax: 5, adaptiveMinAgreement: null } })).rejects.toMatchObject({ code: "BAD_REQUEST", fields: { adaptiveMinAgreement: expect.stringMatching(/needs both/) } });
    await updateQualitySettings({ actor: admin, promptSetId: set.id, input: { ...base, overlapMax: 5, adaptiveMinAgreement: 0.6 } });
    expect(await getDb().promptSet.findUniqueOrThrow({ where: { id: set.id }, select: { overlapMax: true, adaptiveMinAgreement: true, goldRate: true } })).toEqual({ overlapMax: 5, adaptiveMinAgreement: 0.6, goldRate: 0.1 });
  });
});

describe("leaderboard", () => {
  it("fits two labelled models with intervals from seeded judgments (A wins 3 of 4: theta gap ln(3.1 / 1.1) with the 0.1 virtual ties)", async () => {
    const [admin, engineer, u1] = await Promise.all([makeUser("ADMIN"), makeUser("ENGINEER"), makeUser("ANNOTATOR")]);
    const db = getDb();
    const endpoint = await db.endpoint.create({ data: { name: `lb-${randomUUID().slice(0, 8)}`, baseUrl: "http://127.0.0.1:9/v1", model: "base" }, select: { id: true } });
    const set = await makeAnnotationSet({ memberIds: [u1.id], prompts: 4 });
    const pairs: [string, string][] = [];
    for (const [index, promptId] of set.promptIds.entries()) {
      await db.prompt.update({ where: { id: promptId }, data: { metadata: { category: index < 2 ? "identity" : "maths" } } });
      const [x, y] = await candidatesOf(promptId);
      await db.candidate.update({ where: { id: x }, data: { source: "GENERATED", endpointId: endpoint.id, model: "tuned" } });
      await db.candidate.update({ where: { id: y }, data: { source: "GENERATED", endpointId: endpoint.id, model: "base" } });
      pairs.push([x, y]);
    }
    for (const [index, pair] of pairs.entries()) await seedJudgment(set.id, set.promptIds[index]!, u1.id, pair, index < 3 ? "A" : "B");
    await setModelLabel({ actor: admin, input: { endpointId: endpoint.id, model: "tuned", label: "Qwen + DPO v3" } });
    await expect(setModelLabel({ actor: engineer, input: { endpointId: endpoint.id, model: "tuned", label: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const tuned = `endpoint:${endpoint.id}:tuned`;
    const base = `endpoint:${endpoint.id}:base`;
    const board = await getLeaderboard({ actor: engineer, query: { promptSetId: set.id, resamples: "200", compareA: tuned, compareB: base } });
    const human = board.boards.find((b) => b.source === "HUMAN")!;
    expect(human.models.map((m) => m.name)).toEqual(["Qwen + DPO v3", expect.stringMatching(/^base \(lb-/)]);
    expect(human.models.map((m) => m.derived)).toEqual([null, null]);
    expect(human.models[0]!.theta - human.models[1]!.theta).toBeCloseTo(Math.log(3.1 / 1.1), 6);
    for (const m of human.models) {
      expect(m.low).not.toBeNull();
      expect(m.low!).toBeLessThanOrEqual(m.theta);
      expect(m.high!).toBeGreaterThanOrEqual(m.theta);
      expect(m.comparisons).toBe(4);
    }
    expect(human.winRates.find((c) => c.a === tuned)).toMatchObject({ wins: 3, losses: 1, comparisons: 4, winRate: 0.75 });
    expect(board.categories.filter((c) => c.model === tuned).map((c) => [c.category, c.score])).toEqual([["identity", 1], ["maths", 0.5]]);
    expect(board.compare!.rows.find((r) => r.metric === "head-to-head win rate of A")).toMatchObject({ promptSetId: set.id, value: 0.75, comparisons: 4 });
    expect(board.judges.available).toBe(false);
    expect(leaderboardCsv(board, "strengths")).toContain("Qwen + DPO v3");

    await expect(getLeaderboard({ actor: u1, query: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getLeaderboard({ actor: engineer, query: { resamples: "5" } })).rejects.toMatchObject({ code: "BAD_REQUEST", fields: { resamples: "resamples must be at least 100" } });
  });
});

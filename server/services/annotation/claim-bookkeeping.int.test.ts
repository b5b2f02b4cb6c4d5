import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeAnnotationSet, newKey } from "@/tests/support/annotation-factories";
import { makeUser } from "@/tests/support/factories";
import type { AnnotationItem } from "@/lib/annotation/contracts";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { updatePromptSet } from "../prompt-sets/update-prompt-set";
import { claimAssignment } from "./claim-assignment";
import { expectedOpenSlots } from "./internal/overlap";
import { reopenPrompt } from "./reopen-prompt";
import { skipAssignment } from "./skip-assignment";
import { submitJudgment } from "./submit-judgment";

/** Prompts of the set whose recorded open slots differ from a count from scratch (the reconciliation). */
async function slotDrift(promptSetId: string) {
  return getDb().$queryRaw<{ id: string; open_slots: number | null; expected: number }[]>`
    SELECT p.id, p.open_slots, ${expectedOpenSlots("p", "s")} AS expected
    FROM prompts p JOIN prompt_sets s ON s.id = p.prompt_set_id
    WHERE p.prompt_set_id = ${promptSetId}::uuid AND p.gold IS NULL
      AND coalesce(p.open_slots, s.overlap) <> ${expectedOpenSlots("p", "s")}`;
}

/** Annotators made in bulk (no password hashing): the queue only needs their ids. */
async function annotators(count: number): Promise<Actor[]> {
  const users = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), email: `slots-${i}-${randomUUID().slice(0, 8)}@test.arbiter`, name: `Slots ${i}`, role: "ANNOTATOR" as const, passwordHash: "x" }));
  await getDb().user.createMany({ data: users });
  return users.map(({ id, email, name, role }) => ({ id, email, name, role }));
}

/** Pairwise: prefer the candidate with the smaller id (so that every annotator agrees), or the other one. */
function submitPreferring(actor: Actor, item: AnnotationItem, which: "smaller" | "larger") {
  const [first, second] = item.candidates.map((c) => c.id);
  const firstIsSmaller = first! < second!;
  const verdict = (which === "smaller") === firstIsSmaller ? "A" : "B";
  return submitJudgment({ actor, input: { assignmentId: item.assignmentId, idempotencyKey: newKey(), shown: [first, second], verdict: { kind: "pairwise", verdict } } });
}

async function claimOrNull(actor: Actor, promptSetId: string) {
  return (await claimAssignment({ actor, promptSetId })).item;
}

describe("open slots kept in the database", () => {
  it("match a count from scratch through claims, skips, submissions, lapsed leases, late submissions and a reopen", async () => {
    const admin = await makeUser("ADMIN");
    const team = await annotators(4);
    const set = await makeAnnotationSet({ memberIds: team.map((a) => a.id), prompts: 3, overlap: 2 });
    const [a, b, c, d] = team as [Actor, Actor, Actor, Actor];

    const itemA = (await claimOrNull(a, set.id))!;
    const itemB = (await claimOrNull(b, set.id))!;
    expect(itemB.promptId).toBe(itemA.promptId);
    expect(await slotDrift(set.id)).toEqual([]);
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: itemA.promptId }, select: { openSlots: true } })).toEqual({ openSlots: 0 });

    await skipAssignment({ actor: b, assignmentId: itemB.assignmentId });
    expect(await slotDrift(set.id)).toEqual([]);
    await submitPreferring(a, itemA, "smaller");
    expect(await slotDrift(set.id)).toEqual([]);

    // c leases the slot b gave back, then lets it lapse: d's claim expires it and takes the slot.
    const itemC = (await claimOrNull(c, set.id))!;
    expect(itemC.promptId).toBe(itemA.promptId);
    await getDb().assignment.update({ where: { id: itemC.assignmentId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await slotDrift(set.id)).toEqual([]);
    const itemD = (await claimOrNull(d, set.id))!;
    expect(itemD.promptId).toBe(itemA.promptId);
    expect(await getDb().assignment.findUniqueOrThrow({ where: { id: itemC.assignmentId }, select: { status: true } })).toEqual({ status: "EXPIRED" });
    expect(await slotDrift(set.id)).toEqual([]);

    // c's late judgment finds no slot left; d's lands.
    await expect(submitPreferring(c, itemC, "smaller")).rejects.toMatchObject({ code: "CONFLICT" });
    await submitPreferring(d, itemD, "larger");
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: itemA.promptId }, select: { openSlots: true } })).toEqual({ openSlots: 0 });
    expect(await slotDrift(set.id)).toEqual([]);

    await reopenPrompt({ actor: admin, promptId: itemA.promptId, input: { reason: "guidelines changed" } });
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: itemA.promptId }, select: { openSlots: true } })).toEqual({ openSlots: 2 });
    expect(await slotDrift(set.id)).toEqual([]);
  });

  it("follow a change of the set's overlap", async () => {
    const admin = await makeUser("ADMIN");
    const [a, b] = await annotators(2);
    const set = await makeAnnotationSet({ memberIds: [a!.id, b!.id], prompts: 1, overlap: 1 });
    await submitPreferring(a!, (await claimOrNull(a!, set.id))!, "smaller");
    expect(await claimOrNull(b!, set.id)).toBeNull();
    await updatePromptSet({ actor: admin, promptSetId: set.id, input: { overlap: 2 } });
    expect(await slotDrift(set.id)).toEqual([]);
    expect((await claimOrNull(b!, set.id))?.promptId).toBe(set.promptIds[0]);
  });

  it("a prompt without two candidates to show waits out of the queue, and comes back when a candidate arrives", async () => {
    const [a] = await annotators(1);
    const set = await makeAnnotationSet({ memberIds: [a!.id], prompts: 1, candidatesPerPrompt: 2 });
    const promptId = set.promptIds[0]!;
    await getDb().candidate.deleteMany({ where: { promptId, content: { startsWith: "Answer 2" } } });
    expect(await claimOrNull(a!, set.id)).toBeNull();
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: promptId }, select: { awaitingCandidates: true } })).toEqual({ awaitingCandidates: true });
    // A rewrite is not something to show: still waiting.
    await getDb().candidate.create({ data: { promptId, content: "a generated answer", source: "GENERATED" } });
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: promptId }, select: { awaitingCandidates: true } })).toEqual({ awaitingCandidates: false });
    expect((await claimOrNull(a!, set.id))?.promptId).toBe(promptId);
    expect(await slotDrift(set.id)).toEqual([]);
  });
});

describe("paused members", () => {
  it("get no item with the reason, even with a lease in hand, and get items again once unpaused", async () => {
    const [a] = await annotators(1);
    const set = await makeAnnotationSet({ memberIds: [a!.id], prompts: 2 });
    const held = (await claimOrNull(a!, set.id))!;
    await getDb().promptSetMember.update({
      where: { promptSetId_userId: { promptSetId: set.id, userId: a!.id } },
      data: { pausedAt: new Date("2026-11-30T12:00:00Z"), pausedWhy: "Gold accuracy 40% over 5 items (below 70%)." },
    });
    const paused = await claimAssignment({ actor: a!, promptSetId: set.id });
    expect(paused.item).toBeNull();
    expect(paused.paused).toEqual({ since: "2026-11-30T12:00:00.000Z", why: "Gold accuracy 40% over 5 items (below 70%).", reason: null });
    expect(await getDb().assignment.count({ where: { promptSetId: set.id } })).toBe(1);

    await getDb().promptSetMember.update({ where: { promptSetId_userId: { promptSetId: set.id, userId: a!.id } }, data: { pausedAt: null, pausedWhy: null } });
    const resumed = await claimAssignment({ actor: a!, promptSetId: set.id });
    expect(resumed.paused).toBeUndefined();
    expect(resumed.item?.assignmentId).toBe(held.assignmentId);
  });
});

describe("gold prompts in the queue", () => {
  async function goldSet(members: Actor[], goldRate: number) {
    const set = await makeAnnotationSet({ memberIds: members.map((m) => m.id), prompts: 6, overlap: 1 });
    const gold = set.promptIds.slice(0, 2);
    for (const promptId of gold) {
      const shown = (await getDb().candidate.findMany({ where: { promptId }, orderBy: { id: "asc" }, select: { id: true } })).map((c) => c.id);
      await getDb().prompt.update({ where: { id: promptId }, data: { gold: { shown, verdict: { kind: "pairwise", verdict: "A" } } } });
    }
    await getDb().promptSet.update({ where: { id: set.id }, data: { goldRate } });
    return { ...set, gold, plain: set.promptIds.slice(2) };
  }

  it("at gold_rate 1, every member is served every gold prompt once, first, without filling slots; then the rest", async () => {
    const [a, b] = await annotators(2);
    const set = await goldSet([a!, b!], 1);
    for (const actor of [a!, b!]) {
      const served: string[] = [];
      for (;;) {
        const item = await claimOrNull(actor, set.id);
        if (!item) break;
        served.push(item.promptId);
        await submitPreferring(actor, item, "smaller");
      }
      expect(served.slice(0, 2).sort()).toEqual([...set.gold].sort());
      expect(new Set(served).size).toBe(served.length);
      // With overlap 1, a takes every plain prompt; b, after the gold ones, finds none left.
      expect(served.slice(2).every((id) => set.plain.includes(id))).toBe(true);
    }
    const goldJudgments = await getDb().judgment.count({ where: { promptId: { in: set.gold } } });
    expect(goldJudgments).toBe(4);
    expect(await getDb().judgment.count({ where: { promptId: { in: set.plain } } })).toBe(4);
    expect(await getDb().prompt.count({ where: { id: { in: set.gold }, openSlots: { not: null } } })).toBe(0);
    expect(await slotDrift(set.id)).toEqual([]);
  });

  it("at gold_rate 0, a claim never serves a gold prompt", async () => {
    const [a] = await annotators(1);
    const set = await goldSet([a!], 0);
    const served: string[] = [];
    for (;;) {
      const item = await claimOrNull(a!, set.id);
      if (!item) break;
      served.push(item.promptId);
      await submitPreferring(a!, item, "smaller");
    }
    expect(served.sort()).toEqual([...set.plain].sort());
  });

  it("at gold_rate 0.5, about half of the claims serve gold while some is left", async () => {
    const members = await annotators(40);
    const set = await goldSet(members, 0.5);
    const first = await Promise.all(members.map((m) => claimOrNull(m, set.id)));
    const gold = first.filter((item) => item && set.gold.includes(item.promptId)).length;
    // 40 draws at p = 0.5: 20 expected, sd 3.2; 8..32 is beyond 3.7 sd on each side.
    expect(gold).toBeGreaterThanOrEqual(8);
    expect(gold).toBeLessThanOrEqual(32);
  });
});

describe("adaptive overlap", () => {
  async function adaptiveSet(members: Actor[]) {
    const set = await makeAnnotationSet({ memberIds: members.map((m) => m.id), prompts: 1, overlap: 2 });
    await getDb().promptSet.update({ where: { id: set.id }, data: { overlapMax: 3, adaptiveMinAgreement: 0.9 } });
    return set;
  }

  it("opens one more slot when the judgments split, up to overlap_max", async () => {
    const [a, b, c, d] = await annotators(4);
    const set = await adaptiveSet([a!, b!, c!, d!]);
    const promptId = set.promptIds[0]!;
    await submitPreferring(a!, (await claimOrNull(a!, set.id))!, "smaller");
    await submitPreferring(b!, (await claimOrNull(b!, set.id))!, "larger");
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: promptId }, select: { extraSlots: true, openSlots: true } })).toEqual({ extraSlots: 1, openSlots: 1 });
    await submitPreferring(c!, (await claimOrNull(c!, set.id))!, "larger");
    // 2 of 3 agree (below 0.9), but the target is at overlap_max.
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: promptId }, select: { extraSlots: true, openSlots: true } })).toEqual({ extraSlots: 1, openSlots: 0 });
    expect(await claimOrNull(d!, set.id)).toBeNull();
    expect(await getDb().judgment.count({ where: { promptId } })).toBe(3);
    expect(await slotDrift(set.id)).toEqual([]);
  });

  it("keeps the target when the judgments agree", async () => {
    const [a, b, c] = await annotators(3);
    const set = await adaptiveSet([a!, b!, c!]);
    await submitPreferring(a!, (await claimOrNull(a!, set.id))!, "smaller");
    await submitPreferring(b!, (await claimOrNull(b!, set.id))!, "smaller");
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: set.promptIds[0]! }, select: { extraSlots: true, openSlots: true } })).toEqual({ extraSlots: 0, openSlots: 0 });
    expect(await claimOrNull(c!, set.id)).toBeNull();
  });

  it("two last judgments submitted at once still raise the target once", async () => {
    const [a, b, c] = await annotators(3);
    const set = await adaptiveSet([a!, b!, c!]);
    const [itemA, itemB] = [(await claimOrNull(a!, set.id))!, (await claimOrNull(b!, set.id))!];
    await Promise.all([submitPreferring(a!, itemA, "smaller"), submitPreferring(b!, itemB, "larger")]);
    expect(await getDb().prompt.findUniqueOrThrow({ where: { id: set.promptIds[0]! }, select: { extraSlots: true, openSlots: true } })).toEqual({ extraSlots: 1, openSlots: 1 });
    expect((await claimOrNull(c!, set.id))?.promptId).toBe(set.promptIds[0]);
    expect(await slotDrift(set.id)).toEqual([]);
  });
});

describe("the claim's reach", () => {
  it("a member of one set gets nothing of another set's open prompts", async () => {
    const [a] = await annotators(1);
    const mine = await makeAnnotationSet({ memberIds: [a!.id], prompts: 1 });
    await makeAnnotationSet({ memberIds: [], prompts: 5 });
    const item = await claimOrNull(a!, mine.id);
    expect(item?.promptId).toBe(mine.promptIds[0]);
    expect(await claimOrNull(a!, randomUUID()).catch((e: { code: string }) => e.code)).toBe("NOT_FOUND");
  });
});

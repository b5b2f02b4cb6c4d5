import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeAnnotationSet, newKey } from "@/tests/support/annotation-factories";
import { rankVerdict } from "@/lib/annotation/verdict";
import type { Actor } from "../../authz/actor";
import { getDb, Prisma } from "../../db/client";
import { claimAssignment } from "./claim-assignment";
import { submitJudgment } from "./submit-judgment";

async function makeAnnotators(count: number): Promise<Actor[]> {
  const users = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), email: `rt-${i}-${randomUUID().slice(0, 8)}@test.arbiter`, name: `RT ${i}`, role: "ANNOTATOR" as const, passwordHash: "x" }));
  await getDb().user.createMany({ data: users });
  return users.map(({ id, email, name, role }) => ({ id, email, name, role }));
}

type Call = { assignmentId: string; annotatorId: string; key?: string; mode?: "PAIRWISE" | "RANKING"; rationale?: string | null; flags?: string[]; shown: string[] };

/** arbiter_submit called as the service calls it, for a pairwise "A". */
async function callSubmitFunction(call: Call): Promise<string | undefined> {
  const ranked = rankVerdict("PAIRWISE", call.shown, { kind: "pairwise", verdict: "A" });
  if ("problem" in ranked) throw new Error(ranked.problem.message);
  const [row] = await getDb().$queryRaw<{ status: string }[]>`
    SELECT status FROM arbiter_submit(${call.assignmentId}::uuid, ${call.annotatorId}::uuid, ${call.key ?? newKey()}, ${call.mode ?? "PAIRWISE"}::judging_mode,
      ${ranked.outcome}::judgment_outcome, ${call.rationale ?? null}::text, ${call.flags ?? []}::judgment_flag[], ${0}::int, ${call.shown}::uuid[],
      ${ranked.candidates.map((c) => c.candidateId)}::uuid[], ${ranked.candidates.map((c) => c.position)}::int[], ${ranked.candidates.map((c) => c.rank)}::int[])`;
  return row?.status;
}

async function leased(options: Parameters<typeof makeAnnotationSet>[0] extends infer O ? Partial<O> : never = {}) {
  const [actor] = await makeAnnotators(1);
  const set = await makeAnnotationSet({ prompts: 1, ...options, memberIds: [actor!.id] });
  const { item } = await claimAssignment({ actor: actor!, promptSetId: set.id });
  return { actor: actor!, set, item: item!, shown: item!.candidates.map((c) => c.id) };
}

const nothingWritten = async (setId: string, assignmentId: string) => {
  expect(await getDb().judgment.count({ where: { promptSetId: setId } })).toBe(0);
  expect((await getDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("ACTIVE");
};

describe("a judgment in one round trip (arbiter_submit)", () => {
  it("stores the judgment, its ranks, the closed lease and the audit row as the full transaction does, leaving open_slots as it was", async () => {
    const { actor, set, item, shown } = await leased({ overlap: 2 });
    const openBefore = (await getDb().prompt.findUniqueOrThrow({ where: { id: item.promptId } })).openSlots;
    const key = newKey();
    const result = await submitJudgment({ actor, input: { assignmentId: item.assignmentId, idempotencyKey: key, shown, verdict: { kind: "pairwise", verdict: "B" }, rationale: "  clearer  ", flags: ["REFUSAL"], timeSpentMs: 4200 } });
    expect(result).toMatchObject({ assignmentId: item.assignmentId, promptId: item.promptId, outcome: "PREFERENCE" });

    const judgment = await getDb().judgment.findUniqueOrThrow({ where: { id: result.judgmentId }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(judgment).toMatchObject({
      promptId: item.promptId, promptSetId: set.id, annotatorId: actor.id, source: "HUMAN", assignmentId: item.assignmentId, idempotencyKey: key,
      mode: "PAIRWISE", outcome: "PREFERENCE", rationale: "clearer", flags: ["REFUSAL"], timeSpentMs: 4200, rewriteCandidateId: null, judgeSuggestions: "HIDDEN",
    });
    expect(judgment.updatedAt).toBeInstanceOf(Date);
    expect(judgment.candidates.map(({ candidateId, position, rank }) => ({ candidateId, position, rank }))).toEqual([
      { candidateId: shown[0], position: 0, rank: 2 },
      { candidateId: shown[1], position: 1, rank: 1 },
    ]);
    const lease = await getDb().assignment.findUniqueOrThrow({ where: { id: item.assignmentId } });
    expect(lease.status).toBe("SUBMITTED");
    expect(lease.closedAt).toBeInstanceOf(Date);
    const audit = await getDb().auditLog.findMany({ where: { action: "judgment.submit", entityId: result.judgmentId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: actor.id, entityType: "judgment", data: { promptId: item.promptId, assignmentId: item.assignmentId, outcome: "PREFERENCE", late: false } });
    expect((await getDb().prompt.findUniqueOrThrow({ where: { id: item.promptId } })).openSlots).toBe(openBefore);
    // A resend of the same submission is answered with the same judgment, and stores nothing more.
    expect(await submitJudgment({ actor, input: { assignmentId: item.assignmentId, idempotencyKey: key, shown, verdict: { kind: "pairwise", verdict: "B" } } })).toEqual(result);
    expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(1);
  });

  it("stores a ranking with its ties (dense ranks: two tied first, then second)", async () => {
    const { actor, item, shown } = await leased({ mode: "RANKING", candidatesPerPrompt: 3 });
    expect(shown).toHaveLength(3);
    const order = [shown[2]!, shown[0]!, shown[1]!];
    const result = await submitJudgment({ actor, input: { assignmentId: item.assignmentId, idempotencyKey: newKey(), shown, verdict: { kind: "ranking", order, tiedWithAbove: [false, true, false] } } });
    const rows = await getDb().judgmentCandidate.findMany({ where: { judgmentId: result.judgmentId }, orderBy: { position: "asc" } });
    expect(rows.map(({ candidateId, position, rank }) => ({ candidateId, position, rank }))).toEqual([
      { candidateId: shown[0], position: 0, rank: 1 },
      { candidateId: shown[1], position: 1, rank: 2 },
      { candidateId: shown[2], position: 2, rank: 1 },
    ]);
  });

  it("writes nothing and hands every other case to the full transaction", async () => {
    // Not the annotator's lease.
    {
      const { set, item, shown } = await leased();
      const [other] = await makeAnnotators(1);
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: other!.id, shown })).toBe("fallback");
      await nothingWritten(set.id, item.assignmentId);
    }
    // A set judged by ranking, a rationale it does not take or requires, flags it does not take.
    {
      const { actor, set, item, shown } = await leased();
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown, mode: "RANKING" })).toBe("fallback");
      await getDb().promptSet.update({ where: { id: set.id }, data: { rationaleMode: "OFF", flagsEnabled: false } });
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown, rationale: "why" })).toBe("fallback");
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown, flags: ["UNSAFE"] })).toBe("fallback");
      await getDb().promptSet.update({ where: { id: set.id }, data: { rationaleMode: "REQUIRED" } });
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown })).toBe("fallback");
      await nothingWritten(set.id, item.assignmentId);
    }
    // Adaptive overlap, judge suggestions after submit, a member no longer, a candidate of another prompt.
    {
      const { actor, set, item, shown } = await leased();
      await getDb().promptSet.update({ where: { id: set.id }, data: { overlapMax: 3, adaptiveMinAgreement: 0.7 } });
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown })).toBe("fallback");
      await getDb().promptSet.update({ where: { id: set.id }, data: { overlapMax: null, adaptiveMinAgreement: null, judgeSuggestions: "AFTER_SUBMIT" } });
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown })).toBe("fallback");
      await getDb().promptSet.update({ where: { id: set.id }, data: { judgeSuggestions: "HIDDEN" } });
      const other = await leased();
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown: [shown[0]!, other.shown[0]!] })).toBe("fallback");
      await getDb().promptSetMember.delete({ where: { promptSetId_userId: { promptSetId: set.id, userId: actor.id } } });
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown })).toBe("fallback");
      await nothingWritten(set.id, item.assignmentId);
    }
    // A gold prompt, an expired lease, a key already used.
    {
      const { actor, set, item, shown } = await leased();
      await getDb().prompt.update({ where: { id: item.promptId }, data: { gold: { shown, verdict: { kind: "pairwise", verdict: "A" } } } });
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown })).toBe("fallback");
      await getDb().prompt.update({ where: { id: item.promptId }, data: { gold: Prisma.DbNull } });
      await getDb().assignment.update({ where: { id: item.assignmentId }, data: { status: "EXPIRED" } });
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown })).toBe("fallback");
      await getDb().assignment.update({ where: { id: item.assignmentId }, data: { status: "ACTIVE" } });
      const done = await leased();
      const { judgmentId } = await submitJudgment({ actor: done.actor, input: { assignmentId: done.item.assignmentId, idempotencyKey: "a-key-used-once-already", shown: done.shown, verdict: { kind: "pairwise", verdict: "A" } } });
      expect(judgmentId).toBeTruthy();
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown, key: "a-key-used-once-already" })).toBe("fallback");
      await nothingWritten(set.id, item.assignmentId);
      // The same call with nothing in its way stores.
      expect(await callSubmitFunction({ assignmentId: item.assignmentId, annotatorId: actor.id, shown })).toBe("stored");
    }
  });

  it("the service still refuses what the full transaction refuses, with its reason", async () => {
    const { actor, set, item, shown } = await leased();
    await getDb().promptSet.update({ where: { id: set.id }, data: { rationaleMode: "REQUIRED" } });
    await expect(submitJudgment({ actor, input: { assignmentId: item.assignmentId, idempotencyKey: newKey(), shown, verdict: { kind: "pairwise", verdict: "A" } } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^rationale:/) });
    await expect(submitJudgment({ actor, input: { assignmentId: item.assignmentId, idempotencyKey: newKey(), shown, verdict: { kind: "ranking", order: shown, tiedWithAbove: [false, false] } } })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^verdict:/) });
    await nothingWritten(set.id, item.assignmentId);
  });
});

import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { makeAnnotationSet, newKey } from "@/tests/support/annotation-factories";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import type { AppError } from "../../errors";
import { claimAssignment } from "./claim-assignment";
import { skipAssignment } from "./skip-assignment";
import { submitJudgment } from "./submit-judgment";

/** Annotators made in bulk (no password hashing): the queue only needs their ids. */
async function makeAnnotators(count: number): Promise<Actor[]> {
  const users = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), email: `sim-${i}-${randomUUID().slice(0, 8)}@test.arbiter`, name: `Sim ${i}`, role: "ANNOTATOR" as const, passwordHash: "x" }));
  await getDb().user.createMany({ data: users });
  return users.map(({ id, email, name, role }) => ({ id, email, name, role }));
}

const pairwise = (assignmentId: string, shown: string[], verdict: "A" | "B" | "TIE" | "BOTH_BAD" = "A", key = newKey()) => ({
  assignmentId,
  idempotencyKey: key,
  shown,
  verdict: { kind: "pairwise" as const, verdict },
});

describe("the annotation queue under concurrency", () => {
  it("50 annotators over 1,000 prompts with overlap 3: exactly 3 judgments from 3 annotators each, nothing lost or doubled", { timeout: 600_000 }, async () => {
    const annotators = await makeAnnotators(50);
    const set = await makeAnnotationSet({ memberIds: annotators.map((a) => a.id), prompts: 1000, candidatesPerPrompt: 3, overlap: 3 });
    const changes = new EventEmitter();
    changes.setMaxListeners(100);
    const nextChange = () => new Promise<void>((resolve) => changes.once("change", resolve));
    const accepted = new Set<string>();
    let duplicatesSent = 0;
    let skips = 0;

    const work = async (actor: Actor, index: number) => {
      for (let turn = 0; ; turn++) {
        const changed = nextChange();
        const { item } = await claimAssignment({ actor, promptSetId: set.id });
        if (!item) {
          // Nothing for me now: done unless someone still holds a lease that a skip could free.
          const active = await getDb().assignment.count({ where: { promptSetId: set.id, status: "ACTIVE" } });
          if (active === 0) return;
          await changed;
          continue;
        }
        if ((turn + index) % 13 === 0) {
          await skipAssignment({ actor, assignmentId: item.assignmentId, input: { reason: "simulated skip" } });
          skips += 1;
        } else {
          const body = pairwise(item.assignmentId, item.candidates.map((c) => c.id), (["A", "B", "TIE", "BOTH_BAD"] as const)[turn % 4]);
          // Every 7th submission is sent twice at once, as a retrying browser would.
          const copies = (turn + index) % 7 === 0 ? 2 : 1;
          duplicatesSent += copies - 1;
          const results = await Promise.all(Array.from({ length: copies }, () => submitJudgment({ actor, input: body })));
          expect(new Set(results.map((r) => r.judgmentId)).size).toBe(1);
          accepted.add(results[0]!.judgmentId);
        }
        changes.emit("change");
      }
    };
    await Promise.all(annotators.map((actor, index) => work(actor, index)));

    const db = getDb();
    const perPrompt = await db.$queryRaw<{ prompt_id: string; judgments: number; annotators: number }[]>`
      SELECT p.id AS prompt_id, count(j.id)::int AS judgments, count(DISTINCT j.annotator_id)::int AS annotators
      FROM prompts p LEFT JOIN judgments j ON j.prompt_id = p.id WHERE p.prompt_set_id = ${set.id}::uuid GROUP BY p.id`;
    expect(perPrompt).toHaveLength(1000);
    expect(perPrompt.filter((row) => row.judgments !== 3 || row.annotators !== 3)).toEqual([]);
    expect(accepted.size).toBe(3000);
    expect(await db.judgment.count({ where: { promptSetId: set.id } })).toBe(3000);
    expect(await db.assignment.count({ where: { promptSetId: set.id, status: "SUBMITTED" } })).toBe(3000);
    expect(await db.assignment.count({ where: { promptSetId: set.id, status: "SKIPPED" } })).toBe(skips);
    expect(await db.assignment.count({ where: { promptSetId: set.id, status: "ACTIVE" } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "judgment.submit", actorId: { in: annotators.map((a) => a.id) } } })).toBe(3000);
    // The open slots kept in the database match a count from scratch: every prompt full.
    expect(await db.prompt.count({ where: { promptSetId: set.id, openSlots: 0 } })).toBe(1000);
    expect(duplicatesSent).toBeGreaterThan(100);
    expect(skips).toBeGreaterThan(100);
  });

  it("stores one row for 10 parallel submissions with one key, and answers each with the same judgment", async () => {
    const [actor] = await makeAnnotators(1);
    const set = await makeAnnotationSet({ memberIds: [actor!.id], prompts: 1 });
    const { item } = await claimAssignment({ actor: actor!, promptSetId: set.id });
    const body = pairwise(item!.assignmentId, item!.candidates.map((c) => c.id), "B");
    const results = await Promise.all(Array.from({ length: 10 }, () => submitJudgment({ actor: actor!, input: body })));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { action: "judgment.submit", actorId: actor!.id } })).toBe(1);
    // After the fact (a retry after a timeout) too.
    expect(await submitJudgment({ actor: actor!, input: body })).toEqual(results[0]);
    // A second, different attempt on the same lease is a conflict, not a second judgment.
    await expect(submitJudgment({ actor: actor!, input: { ...body, idempotencyKey: newKey() } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("reclaims an expired lease for another annotator, and refuses the late judgment that would exceed the overlap", async () => {
    const [first, second] = await makeAnnotators(2);
    const set = await makeAnnotationSet({ memberIds: [first!.id, second!.id], prompts: 1, overlap: 1 });
    const { item: held } = await claimAssignment({ actor: first!, promptSetId: set.id });
    expect((await claimAssignment({ actor: second!, promptSetId: set.id })).item).toBeNull();

    await getDb().assignment.update({ where: { id: held!.assignmentId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const { item: reclaimed } = await claimAssignment({ actor: second!, promptSetId: set.id });
    expect(reclaimed?.promptId).toBe(held!.promptId);
    expect(await getDb().assignment.findUnique({ where: { id: held!.assignmentId }, select: { status: true } })).toEqual({ status: "EXPIRED" });

    await expect(submitJudgment({ actor: first!, input: pairwise(held!.assignmentId, held!.candidates.map((c) => c.id)) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/expired/),
    });
    await submitJudgment({ actor: second!, input: pairwise(reclaimed!.assignmentId, reclaimed!.candidates.map((c) => c.id)) });
    expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(1);
  });

  it("keeps a late judgment when its expired slot is still free (the browser was offline)", async () => {
    const [actor] = await makeAnnotators(1);
    const set = await makeAnnotationSet({ memberIds: [actor!.id], prompts: 2 });
    const first = (await claimAssignment({ actor: actor!, promptSetId: set.id })).item!;
    const second = (await claimAssignment({ actor: actor!, promptSetId: set.id, input: { excludeAssignmentIds: [first.assignmentId] } })).item!;
    await getDb().assignment.updateMany({ where: { id: { in: [first.assignmentId, second.assignmentId] } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // Lapsed, whether or not a claim has marked it EXPIRED yet: both are late submissions with a free slot.
    expect((await submitJudgment({ actor: actor!, input: pairwise(first.assignmentId, first.candidates.map((c) => c.id)) })).outcome).toBe("PREFERENCE");
    // A claim marks the other lapsed lease EXPIRED (and, its prompt being open again, leases it anew: the
    // late judgment then replaces that newer lease).
    expect((await claimAssignment({ actor: actor!, promptSetId: set.id })).item?.promptId).toBe(second.promptId);
    expect(await getDb().assignment.findUniqueOrThrow({ where: { id: second.assignmentId }, select: { status: true } })).toEqual({ status: "EXPIRED" });
    expect((await submitJudgment({ actor: actor!, input: pairwise(second.assignmentId, second.candidates.map((c) => c.id)) })).outcome).toBe("PREFERENCE");
    expect(await getDb().assignment.count({ where: { promptSetId: set.id, status: "ACTIVE" } })).toBe(0);
    expect(await getDb().judgment.count({ where: { promptSetId: set.id } })).toBe(2);
  });

  it("never gives two annotators the last open slot of a prompt at once", async () => {
    const annotators = await makeAnnotators(20);
    const set = await makeAnnotationSet({ memberIds: annotators.map((a) => a.id), prompts: 3, overlap: 2 });
    const claims = await Promise.all(annotators.map((actor) => claimAssignment({ actor, promptSetId: set.id })));
    const items = claims.flatMap((claim) => (claim.item ? [claim.item] : []));
    expect(items).toHaveLength(6);
    const perPrompt = new Map<string, number>();
    for (const item of items) perPrompt.set(item.promptId, (perPrompt.get(item.promptId) ?? 0) + 1);
    expect([...perPrompt.values()]).toEqual([2, 2, 2]);
  });

  it("resumes the lease an annotator holds, and fetches one more ahead when asked to exclude it", async () => {
    const [actor] = await makeAnnotators(1);
    const set = await makeAnnotationSet({ memberIds: [actor!.id], prompts: 3 });
    const first = (await claimAssignment({ actor: actor!, promptSetId: set.id })).item!;
    expect((await claimAssignment({ actor: actor!, promptSetId: set.id })).item).toEqual(first);
    const ahead = (await claimAssignment({ actor: actor!, promptSetId: set.id, input: { excludeAssignmentIds: [first.assignmentId] } })).item!;
    expect(ahead.promptId).not.toBe(first.promptId);
    // Two leases at most: a third look-ahead gets nothing rather than hoarding prompts.
    expect((await claimAssignment({ actor: actor!, promptSetId: set.id, input: { excludeAssignmentIds: [first.assignmentId, ahead.assignmentId] } })).item).toBeNull();
  });

  it("does not offer a skipped prompt to the same annotator again, but offers it to others; the skip is audited", async () => {
    const [first, second] = await makeAnnotators(2);
    const set = await makeAnnotationSet({ memberIds: [first!.id, second!.id], prompts: 1 });
    const { item } = await claimAssignment({ actor: first!, promptSetId: set.id });
    await skipAssignment({ actor: first!, assignmentId: item!.assignmentId, input: { reason: "not my language" } });
    await skipAssignment({ actor: first!, assignmentId: item!.assignmentId, input: {} });
    expect((await claimAssignment({ actor: first!, promptSetId: set.id })).item).toBeNull();
    expect((await claimAssignment({ actor: second!, promptSetId: set.id })).item?.promptId).toBe(item!.promptId);
    const lease = await getDb().assignment.findUniqueOrThrow({ where: { id: item!.assignmentId } });
    expect(lease).toMatchObject({ status: "SKIPPED", skipReason: "not my language" });
    expect(await getDb().auditLog.count({ where: { action: "assignment.skip", entityId: item!.assignmentId } })).toBe(1);
  });

  it("never offers a prompt the annotator already judged", async () => {
    const [actor] = await makeAnnotators(1);
    const set = await makeAnnotationSet({ memberIds: [actor!.id], prompts: 2, overlap: 3 });
    const seen: string[] = [];
    for (;;) {
      const { item } = await claimAssignment({ actor: actor!, promptSetId: set.id });
      if (!item) break;
      seen.push(item.promptId);
      await submitJudgment({ actor: actor!, input: pairwise(item.assignmentId, item.candidates.map((c) => c.id)) });
    }
    expect(seen.sort()).toEqual([...set.promptIds].sort());
  });
});

describe("what an annotator may reach", () => {
  it("refuses claims in a prompt set they do not belong to, and submissions or skips on another's lease", async () => {
    const [member, outsider] = await makeAnnotators(2);
    const set = await makeAnnotationSet({ memberIds: [member!.id], prompts: 1 });
    await expect(claimAssignment({ actor: outsider!, promptSetId: set.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { item } = await claimAssignment({ actor: member!, promptSetId: set.id });
    const body = pairwise(item!.assignmentId, item!.candidates.map((c) => c.id));
    await expect(submitJudgment({ actor: outsider!, input: body })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(skipAssignment({ actor: outsider!, assignmentId: item!.assignmentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await submitJudgment({ actor: member!, input: body });
    // Replaying the member's key as someone else reveals nothing of the member's judgment.
    const error = (await submitJudgment({ actor: outsider!, input: body }).catch((e: unknown) => e)) as AppError;
    expect(error.code).toMatch(/NOT_FOUND|CONFLICT/);
    expect(JSON.stringify(error.message)).not.toContain(item!.promptId);
  });

  it("refuses engineers outright", async () => {
    const engineer: Actor = { id: randomUUID(), email: "e@x.zz", name: "E", role: "ENGINEER" };
    await expect(claimAssignment({ actor: engineer, promptSetId: randomUUID() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(submitJudgment({ actor: engineer, input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

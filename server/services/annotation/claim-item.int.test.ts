import { describe, expect, it } from "vitest";
import { makeAnnotationSet, newKey } from "@/tests/support/annotation-factories";
import { makeUser } from "@/tests/support/factories";
import type { AnnotationItem } from "@/lib/annotation/contracts";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { updatePromptSet } from "../prompt-sets/update-prompt-set";
import { claimAssignment } from "./claim-assignment";
import { submitJudgment } from "./submit-judgment";

// The claim reads the set, takes the lease and reads the item in one call of arbiter_claim_item.
const pairOf = (item: AnnotationItem) => item.candidates.map((c) => c.id).sort().join("|");

function submitFirst(actor: Actor, item: AnnotationItem) {
  return submitJudgment({ actor, input: { assignmentId: item.assignmentId, idempotencyKey: newKey(), shown: item.candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "A" } } });
}

describe("the claim's item, read in the claim's round trip", () => {
  it("shows the prompt with the set's system message, and a reload shows exactly the same item", async () => {
    const annotator = await makeUser("ANNOTATOR");
    const set = await makeAnnotationSet({ memberIds: [annotator.id], prompts: 2, candidatesPerPrompt: 3 });
    await getDb().promptSet.update({ where: { id: set.id }, data: { defaultSystemMessage: "You are Deep Qwen." } });

    const first = await claimAssignment({ actor: annotator, promptSetId: set.id });
    expect(first.setup).toMatchObject({ promptSetId: set.id, mode: "PAIRWISE", rationaleMode: "OPTIONAL", flagsEnabled: true, editsEnabled: true, isDemo: false });
    const item = first.item!;
    expect(item.messages[0]).toEqual({ role: "system", content: "You are Deep Qwen." });
    expect(item.messages[1]).toMatchObject({ role: "user" });
    expect(item.candidates).toHaveLength(2);
    const lease = await getDb().assignment.findUniqueOrThrow({ where: { id: item.assignmentId } });
    expect(item.expiresAt).toBe(lease.expiresAt.toISOString());
    expect(lease).toMatchObject({ promptId: item.promptId, annotatorId: annotator.id, status: "ACTIVE" });

    // The held lease comes back with the same pair in the same order.
    expect((await claimAssignment({ actor: annotator, promptSetId: set.id })).item).toEqual(item);
  });

  it("balances the pairs by the people's earlier comparisons: three annotators of a prompt see its three different pairs", async () => {
    const team = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR")];
    // Two prompts, so that a history that went unread (random pairs) would pass only 5 % of the time (2/9 per prompt).
    const set = await makeAnnotationSet({ memberIds: team.map((a) => a.id), prompts: 2, candidatesPerPrompt: 3, overlap: 3 });
    const pairsByPrompt = new Map<string, Set<string>>();
    for (const annotator of team) {
      for (let i = 0; i < 2; i++) {
        const item = (await claimAssignment({ actor: annotator, promptSetId: set.id })).item!;
        pairsByPrompt.set(item.promptId, (pairsByPrompt.get(item.promptId) ?? new Set()).add(pairOf(item)));
        await submitFirst(annotator, item);
      }
    }
    expect([...pairsByPrompt.values()].map((pairs) => pairs.size)).toEqual([3, 3]);
  });

  it("an archived set is not found, even for its members", async () => {
    const admin = await makeUser("ADMIN");
    const annotator = await makeUser("ANNOTATOR");
    const set = await makeAnnotationSet({ memberIds: [annotator.id], prompts: 1 });
    await updatePromptSet({ actor: admin, promptSetId: set.id, input: { archived: true } });
    await expect(claimAssignment({ actor: annotator, promptSetId: set.id })).rejects.toMatchObject({ code: "NOT_FOUND", key: "annotation.noSuchSetOrNotMember" });
  });
});

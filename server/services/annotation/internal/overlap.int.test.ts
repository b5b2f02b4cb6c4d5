import { describe, expect, it } from "vitest";
import { makeAnnotationSet, newKey } from "@/tests/support/annotation-factories";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../../../db/client";
import { getPromptSet } from "../../prompt-sets/get-prompt-set";
import { adjudicatePrompt } from "../adjudicate-prompt";
import { claimAssignment } from "../claim-assignment";
import { listMyPromptSets } from "../list-my-prompt-sets";
import { listReviewPrompts } from "../list-review-prompts";
import { submitJudgment } from "../submit-judgment";

/**
 * "Counts toward overlap" seen from every place that shows or uses it: claim, the annotate list,
 * review and the prompt-set page agree on which judgments and leases fill a prompt's slots.
 */
describe("counts toward overlap", () => {
  it("an adjudication fills no slot: the prompt-set page does not call a prompt fully judged because of it, and the queue still offers it", async () => {
    const admin = await makeUser("ADMIN");
    const annotator = await makeUser("ANNOTATOR");
    const set = await makeAnnotationSet({ memberIds: [annotator.id], prompts: 1, overlap: 1 });
    const [promptId] = set.promptIds;
    const candidates = await getDb().candidate.findMany({ where: { promptId }, orderBy: { id: "asc" }, select: { id: true } });
    await adjudicatePrompt({ actor: admin, promptId: promptId!, input: { shown: candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "A" }, rationale: "A names itself" } });

    const detail = await getPromptSet({ actor: admin, promptSetId: set.id });
    expect(detail.counts.promptsFullyJudged).toBe(0);
    expect(detail.counts.judgments).toBe(0);
    expect((await listReviewPrompts({ actor: admin, promptSetId: set.id })).prompts).toMatchObject([{ promptId, judgments: 0, adjudicated: true }]);
    expect((await listMyPromptSets({ actor: annotator })).find((row) => row.id === set.id)).toMatchObject({ judged: 0, open: 1 });

    const { item } = await claimAssignment({ actor: annotator, promptSetId: set.id });
    expect(item?.promptId).toBe(promptId);
    // The prompt held is still one this annotator can judge ("item 1 of 1" in the workspace).
    expect((await listMyPromptSets({ actor: annotator })).find((row) => row.id === set.id)).toMatchObject({ open: 1 });
    await submitJudgment({ actor: annotator, input: { assignmentId: item!.assignmentId, idempotencyKey: newKey(), shown: item!.candidates.map((c) => c.id), verdict: { kind: "pairwise", verdict: "B" } } });
    const after = await getPromptSet({ actor: admin, promptSetId: set.id });
    expect(after.counts).toMatchObject({ promptsFullyJudged: 1, judgments: 1, activeAssignments: 0 });
    expect((await listMyPromptSets({ actor: annotator })).find((row) => row.id === set.id)).toMatchObject({ mine: 1, judged: 1, open: 0 });
  });

  it("a lease past its expiry is not in progress on the prompt-set page, and its slot goes to the next claimer, with no sweeping job", async () => {
    const admin = await makeUser("ADMIN");
    const [first, second] = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR")];
    const set = await makeAnnotationSet({ memberIds: [first.id, second.id], prompts: 1, overlap: 1 });
    const { item } = await claimAssignment({ actor: first, promptSetId: set.id });
    expect((await getPromptSet({ actor: admin, promptSetId: set.id })).counts.activeAssignments).toBe(1);
    expect((await claimAssignment({ actor: second, promptSetId: set.id })).item).toBeNull();

    await getDb().assignment.update({ where: { id: item!.assignmentId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // Still ACTIVE in the table (nothing has swept it), yet no longer holding its slot.
    expect(await getDb().assignment.findUniqueOrThrow({ where: { id: item!.assignmentId }, select: { status: true } })).toEqual({ status: "ACTIVE" });
    expect((await getPromptSet({ actor: admin, promptSetId: set.id })).counts.activeAssignments).toBe(0);
    expect((await claimAssignment({ actor: second, promptSetId: set.id })).item?.promptId).toBe(item!.promptId);
    expect((await getPromptSet({ actor: admin, promptSetId: set.id })).counts.activeAssignments).toBe(1);
  });
});

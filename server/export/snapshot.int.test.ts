import { describe, expect, it } from "vitest";
import { exportSettingsSchema } from "@/lib/export/settings";
import { makeUser } from "@/tests/support/factories";
import { judgePair, makeCandidate, makePrompt, makePromptSet } from "@/tests/support/export-factories";
import { withSnapshot, type SnapshotPrompt } from "./snapshot";

/** A set of `count` judged prompts (two candidates, one judgment each). */
async function judgedSet(count: number) {
  const alice = await makeUser("ANNOTATOR");
  const set = await makePromptSet({ defaultSystemMessage: null });
  for (let i = 0; i < count; i++) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: `Question ${i}` }]);
    const good = await makeCandidate(prompt.id, `good ${i}`);
    const bad = await makeCandidate(prompt.id, `bad ${i}`);
    await judgePair(prompt, alice.id, good.id, bad.id);
  }
  return set;
}

const optionsFor = (promptSetId: string) => ({
  filters: exportSettingsSchema.parse({ format: "trl-preference", filters: { promptSetIds: [promptSetId] } }).filters,
  judgedOnly: true,
});

const inOrder = (prompts: SnapshotPrompt[]) =>
  prompts.every((prompt, i) => i === 0 || prompts[i - 1]!.contentHash < prompt.contentHash || (prompts[i - 1]!.contentHash === prompt.contentHash && prompts[i - 1]!.promptId < prompt.promptId));

describe("export snapshot: paging through the cursor with two FETCHes queued", () => {
  it("reads every prompt once, in (content_hash, id) order, whether the last page is short, exact or empty, and after an early stop", async () => {
    const set = await judgedSet(7);
    await withSnapshot(optionsFor(set.id), async (snapshot) => {
      expect(await snapshot.countPrompts()).toBe(7);

      const pages: SnapshotPrompt[][] = [];
      for await (const page of snapshot.prompts(3)) pages.push(page);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      const all = pages.flat();
      expect(new Set(all.map((prompt) => prompt.promptId)).size).toBe(7);
      expect(inOrder(all)).toBe(true);
      // Each prompt carries its own candidates and judgment (the rows are not shifted between pages).
      for (const prompt of all) {
        const question = prompt.messages.at(-1)!.content.replace("Question ", "");
        expect(prompt.candidates.map((candidate) => candidate.content).sort()).toEqual([`bad ${question}`, `good ${question}`]);
        expect(prompt.judgments).toHaveLength(1);
      }

      // A page size that divides the count: the queued FETCH after the last full page answers no rows.
      const exact: SnapshotPrompt[][] = [];
      for await (const page of snapshot.prompts(7)) exact.push(page);
      expect(exact.map((page) => page.length)).toEqual([7]);
      expect(exact.flat().map((prompt) => prompt.promptId)).toEqual(all.map((prompt) => prompt.promptId));

      // An early stop closes its cursor (with a FETCH still queued) and leaves the transaction usable.
      for await (const page of snapshot.prompts(2)) {
        expect(page.map((prompt) => prompt.promptId)).toEqual(all.slice(0, 2).map((prompt) => prompt.promptId));
        break;
      }
      const again: SnapshotPrompt[] = [];
      for await (const page of snapshot.prompts(2)) again.push(...page);
      expect(again.map((prompt) => prompt.promptId)).toEqual(all.map((prompt) => prompt.promptId));
    });
  });
});

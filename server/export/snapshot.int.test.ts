import { describe, expect, it } from "vitest";
import { exportSettingsSchema } from "@/lib/export/settings";
import { getDb } from "@/server/db/client";
import { makeUser } from "@/tests/support/factories";
import { judgePair, makeCandidate, makeJudgment, makePrompt, makePromptSet } from "@/tests/support/export-factories";
import { withPgTransaction } from "@/server/db/pg-pool";
import { openReader, withSnapshot, type SnapshotPrompt } from "./snapshot";

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

describe("export snapshot: paging through the cursors with two FETCHes queued each", () => {
  it("reads every prompt once, in (content_hash, id) order, whether the last page is short, exact or empty, and after an early stop", async () => {
    const set = await judgedSet(7);
    await withSnapshot(optionsFor(set.id), async (snapshot) => {
      expect(await snapshot.countPrompts()).toBe(7);

      const pages: SnapshotPrompt[][] = [];
      for await (const page of snapshot.prompts(3, 3)) pages.push(page);
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
      for await (const page of snapshot.prompts(7, 7)) exact.push(page);
      expect(exact.map((page) => page.length)).toEqual([7]);
      expect(exact.flat().map((prompt) => prompt.promptId)).toEqual(all.map((prompt) => prompt.promptId));

      // An early stop closes its cursor (with a FETCH still queued) and leaves the transaction usable.
      for await (const page of snapshot.prompts(2, 2)) {
        expect(page.map((prompt) => prompt.promptId)).toEqual(all.slice(0, 2).map((prompt) => prompt.promptId));
        break;
      }
      const again: SnapshotPrompt[] = [];
      for await (const page of snapshot.prompts(2, 2)) again.push(...page);
      expect(again.map((prompt) => prompt.promptId)).toEqual(all.map((prompt) => prompt.promptId));
    });
  });
});

describe("export snapshot: prompts, candidates and judgments read as three ordered streams and merged", () => {
  it("gives each prompt exactly its own candidates (created_at order), judgments (created_at order) and ranks (shown order), across page boundaries", async () => {
    const [alice, bob, carol] = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR")];
    const set = await makePromptSet({ defaultSystemMessage: null });
    const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second, 123));
    const expected = new Map<string, { candidates: string[]; judgments: { annotatorId: string | null; outcome: string; flags: string[]; createdAt: Date; ranks: [string, number | null, number][] }[] }>();
    for (let i = 0; i < 6; i++) {
      const prompt = await makePrompt(set.id, [{ role: "user", content: `Merge question ${i}` }]);
      // Candidates stored out of their created_at order; prompt i has i % 3 + 2 of them.
      const count = (i % 3) + 2;
      const candidates = [];
      for (let k = count - 1; k >= 0; k--) candidates[k] = await makeCandidate(prompt.id, `answer ${i}.${k}`, { createdAt: at(10 + k) });
      // Judgments stored newest first: bob (a ranking shown in reverse, flagged), then alice (all bad, unranked), and for even prompts carol (a tie).
      const shown = [...candidates].reverse();
      await makeJudgment(prompt, bob.id, { outcome: "PREFERENCE", ranks: shown.map((c, k) => ({ candidateId: c.id, rank: k + 1 })), flags: ["REFUSAL", "UNSAFE"], createdAt: at(50) });
      await makeJudgment(prompt, alice.id, { outcome: "ALL_BAD", ranks: candidates.slice(0, 2).map((c) => ({ candidateId: c.id, rank: null })), createdAt: at(40) });
      if (i % 2 === 0) await makeJudgment(prompt, carol.id, { outcome: "TIE", ranks: [], createdAt: at(45) });
      expected.set(prompt.id, {
        candidates: candidates.map((c) => c.content),
        judgments: [
          { annotatorId: alice.id, outcome: "ALL_BAD", flags: [], createdAt: at(40), ranks: candidates.slice(0, 2).map((c, k) => [c.id, null, k]) },
          ...(i % 2 === 0 ? [{ annotatorId: carol.id, outcome: "TIE", flags: [], createdAt: at(45), ranks: [] }] : []),
          { annotatorId: bob.id, outcome: "PREFERENCE", flags: ["REFUSAL", "UNSAFE"], createdAt: at(50), ranks: shown.map((c, k) => [c.id, k + 1, k]) },
        ],
      });
    }
    // Not judged: left out (judgedOnly), and so are its candidates, without shifting anyone else's.
    const unjudged = await makePrompt(set.id, [{ role: "user", content: "Nobody judged me" }]);
    await makeCandidate(unjudged.id, "orphan answer");

    const firstPrompt = [...expected.keys()][0]!;
    for (const parallelReaders of [false, true]) {
      await withSnapshot({ ...optionsFor(set.id), parallelReaders }, async (snapshot) => {
        // Written after the snapshot was taken (and, with readers, after they imported it): seen by no stream.
        const dave = await makeUser("ANNOTATOR");
        const late = await makeCandidate(firstPrompt, `late answer ${parallelReaders}`);
        await makeJudgment({ id: firstPrompt, promptSetId: set.id }, dave.id, { outcome: "PREFERENCE", ranks: [{ candidateId: late.id, rank: 1 }] });
        const orphan = await makeCandidate(unjudged.id, `late orphan ${parallelReaders}`);
        await makeJudgment({ id: unjudged.id, promptSetId: set.id }, dave.id, { outcome: "PREFERENCE", ranks: [{ candidateId: orphan.id, rank: 1 }] });

        // One prompt a page, 4 rows a FETCH: FETCHes end inside a prompt's candidates and judgments.
        const pages: SnapshotPrompt[][] = [];
        for await (const page of snapshot.prompts(1, 4)) pages.push(page);
        const all = pages.flat();
        expect(pages.every((page) => page.length === 1)).toBe(true);
        expect(all.map((prompt) => prompt.promptId).sort()).toEqual([...expected.keys()].sort());
        expect(inOrder(all)).toBe(true);
        for (const prompt of all) {
          const want = expected.get(prompt.promptId)!;
          expect(prompt.candidates.map((candidate) => candidate.content)).toEqual(want.candidates);
          expect(
            prompt.judgments.map((judgment) => ({
              annotatorId: judgment.annotatorId,
              outcome: judgment.outcome,
              flags: judgment.flags,
              createdAt: judgment.createdAt,
              ranks: judgment.ranks.map((rank) => [rank.candidateId, rank.rank, rank.position]),
            })),
          ).toEqual(want.judgments);
        }
      });
      // The late rows are in for the next snapshot: take them out again (the next round expects the same data).
      await getDb().judgment.deleteMany({ where: { promptId: { in: [firstPrompt, unjudged.id] }, createdAt: { gt: at(59) } } });
      await getDb().candidate.deleteMany({ where: { content: { startsWith: "late " } } });
    }
  });
});

describe("export snapshot: readers on other connections", () => {
  it("see exactly the exported snapshot: a row committed after it was taken is not there, though their own transaction starts later", async () => {
    const set = await makePromptSet();
    const prompt = await makePrompt(set.id, [{ role: "user", content: "Snapshot question" }]);
    await makeCandidate(prompt.id, "before the snapshot");
    const count = async (client: { query: (sql: string, values: unknown[]) => Promise<{ rows: { count: string }[] }> }) =>
      Number((await client.query("SELECT count(*) FROM candidates WHERE prompt_id = $1", [prompt.id])).rows[0]!.count);
    await withPgTransaction(
      async (client) => {
        const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
        await makeCandidate(prompt.id, "after the snapshot");
        const reader = await openReader(rows[0]!.snapshot);
        try {
          expect(await count(reader.client)).toBe(1);
          expect(await count(client)).toBe(1);
        } finally {
          await reader.close();
        }
      },
      { isolation: "REPEATABLE READ", readOnly: true },
    );
    await expect(openReader("1; DROP TABLE prompts")).rejects.toThrow(/Unexpected snapshot id/);
  });
});

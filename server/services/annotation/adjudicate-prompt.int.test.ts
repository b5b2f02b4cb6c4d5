import { describe, expect, it } from "vitest";
import { makeAnnotationSet } from "@/tests/support/annotation-factories";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../../db/client";
import { adjudicatePrompt } from "./adjudicate-prompt";

async function candidatesOf(promptId: string): Promise<string[]> {
  const rows = await getDb().candidate.findMany({ where: { promptId }, orderBy: { id: "asc" }, select: { id: true } });
  return rows.map((row) => row.id);
}

describe("settling a prompt follows the set's judging mode", () => {
  it("refuses a ranking settlement in a pairwise set, and a pairwise one in a ranking set, storing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const pairwiseSet = await makeAnnotationSet({ memberIds: [], prompts: 1, mode: "PAIRWISE" });
    const rankingSet = await makeAnnotationSet({ memberIds: [], prompts: 1, mode: "RANKING", candidatesPerPrompt: 3 });
    const pairwisePrompt = pairwiseSet.promptIds[0]!;
    const rankingPrompt = rankingSet.promptIds[0]!;
    const pair = await candidatesOf(pairwisePrompt);
    const three = await candidatesOf(rankingPrompt);

    await expect(
      adjudicatePrompt({ actor: admin, promptId: pairwisePrompt, input: { shown: pair, verdict: { kind: "ranking", order: pair, tiedWithAbove: [false, false] }, rationale: "ranked" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "verdict: this prompt set is judged by pairwise choice.", fields: { verdict: "wrong judging mode" } });
    await expect(
      adjudicatePrompt({ actor: admin, promptId: rankingPrompt, input: { shown: three.slice(0, 2), verdict: { kind: "pairwise", verdict: "A" }, rationale: "paired" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "verdict: this prompt set is judged by ranking." });
    expect(await getDb().judgment.count({ where: { promptId: { in: [pairwisePrompt, rankingPrompt] } } })).toBe(0);
    expect(await getDb().auditLog.count({ where: { action: "judgment.adjudicate", entityId: { in: [pairwisePrompt, rankingPrompt] } } })).toBe(0);
  });

  it("stores a settlement of the set's own kind with the set's mode and its ranks", async () => {
    const admin = await makeUser("ADMIN");
    const set = await makeAnnotationSet({ memberIds: [], prompts: 1, mode: "RANKING", candidatesPerPrompt: 3 });
    const promptId = set.promptIds[0]!;
    const [a, b, c] = await candidatesOf(promptId);
    const { judgmentId } = await adjudicatePrompt({
      actor: admin,
      promptId,
      input: { shown: [a, b, c], verdict: { kind: "ranking", order: [c, a, b], tiedWithAbove: [false, false, false] }, rationale: "c is best" },
    });
    const stored = await getDb().judgment.findUniqueOrThrow({ where: { id: judgmentId }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(stored).toMatchObject({ mode: "RANKING", outcome: "PREFERENCE", source: "ADJUDICATION" });
    expect(stored.candidates.map((row) => [row.candidateId, row.rank])).toEqual([
      [a, 2],
      [b, 3],
      [c, 1],
    ]);
  });
});

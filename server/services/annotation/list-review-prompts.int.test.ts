import { describe, expect, it } from "vitest";
import { judgePair, makeCandidate, makeJudgment, makePrompt, makePromptSet } from "@/tests/support/export-factories";
import { makeUser } from "@/tests/support/factories";
import { listReviewPrompts } from "./list-review-prompts";

describe("the review list", () => {
  it("flags a disagreement only when judgments of the same pair disagree", async () => {
    const admin = await makeUser("ADMIN");
    const [first, second, third] = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR")];
    const set = await makePromptSet();
    // Three candidates: the annotators saw different pairs and each preferred a different answer.
    const differentPairs = await makePrompt(set.id, [{ role: "user", content: "Different pairs" }]);
    const [a, b, c] = [await makeCandidate(differentPairs.id, "a"), await makeCandidate(differentPairs.id, "b"), await makeCandidate(differentPairs.id, "c")];
    await judgePair(differentPairs, first.id, a.id, b.id);
    await judgePair(differentPairs, second.id, c.id, b.id);
    // Same pair, opposite verdicts (the order shown does not matter).
    const samePair = await makePrompt(set.id, [{ role: "user", content: "Same pair" }]);
    const [x, y] = [await makeCandidate(samePair.id, "x"), await makeCandidate(samePair.id, "y")];
    await judgePair(samePair, first.id, x.id, y.id);
    await judgePair(samePair, second.id, y.id, x.id, { leftFirst: false });
    // Same pair, the same verdict, and a third annotator who called it a tie: a disagreement too.
    const tie = await makePrompt(set.id, [{ role: "user", content: "Tie or not" }]);
    const [p, q] = [await makeCandidate(tie.id, "p"), await makeCandidate(tie.id, "q")];
    await judgePair(tie, first.id, p.id, q.id);
    await judgePair(tie, second.id, p.id, q.id);
    await makeJudgment(tie, third.id, { outcome: "TIE", ranks: [{ candidateId: p.id, rank: 1 }, { candidateId: q.id, rank: 1 }] });
    const agreed = await makePrompt(set.id, [{ role: "user", content: "Agreed" }]);
    const [m, n] = [await makeCandidate(agreed.id, "m"), await makeCandidate(agreed.id, "n")];
    await judgePair(agreed, first.id, m.id, n.id);
    await judgePair(agreed, second.id, m.id, n.id, { leftFirst: false });

    const review = await listReviewPrompts({ actor: admin, promptSetId: set.id });
    const byText = Object.fromEntries(review.prompts.map((row) => [row.preview, row.disagreement]));
    expect(byText).toEqual({ "Different pairs": false, "Same pair": true, "Tie or not": true, Agreed: false });
    expect((await listReviewPrompts({ actor: admin, promptSetId: set.id, filter: "disagreement" })).prompts.map((row) => row.preview)).toEqual(["Same pair", "Tie or not"]);
  });

  it("searches the prompt text (taken literally) and filters by flagged, adjudicated, judged and unjudged", async () => {
    const admin = await makeUser("ADMIN");
    const annotator = await makeUser("ANNOTATOR");
    const set = await makePromptSet();
    const flagged = await makePrompt(set.id, [{ role: "system", content: "Be brief." }, { role: "user", content: "你是谁？100% honest" }]);
    const [f1, f2] = [await makeCandidate(flagged.id, "1"), await makeCandidate(flagged.id, "2")];
    await makeJudgment(flagged, annotator.id, { outcome: "PREFERENCE", ranks: [{ candidateId: f1.id, rank: 1 }, { candidateId: f2.id, rank: 2 }], flags: ["UNSAFE"] });
    const settled = await makePrompt(set.id, [{ role: "user", content: "Settled by an admin" }]);
    const [s1, s2] = [await makeCandidate(settled.id, "1"), await makeCandidate(settled.id, "2")];
    await makeJudgment(settled, admin.id, { outcome: "PREFERENCE", source: "ADJUDICATION", ranks: [{ candidateId: s1.id, rank: 1 }, { candidateId: s2.id, rank: 2 }] });
    await makePrompt(set.id, [{ role: "user", content: "Nobody judged me" }]);

    const list = async (options: Partial<Parameters<typeof listReviewPrompts>[0]>) => (await listReviewPrompts({ actor: admin, promptSetId: set.id, ...options })).prompts.map((row) => row.preview);
    expect(await list({ query: "你是谁" })).toEqual(["你是谁？100% honest"]);
    expect(await list({ query: "be BRIEF" })).toEqual(["你是谁？100% honest"]);
    // % and _ are the user's characters, not wildcards.
    expect(await list({ query: "0% h" })).toEqual(["你是谁？100% honest"]);
    expect(await list({ query: "S_ttled" })).toEqual([]);
    expect(await list({ filter: "flagged" })).toEqual(["你是谁？100% honest"]);
    expect(await list({ filter: "adjudicated" })).toEqual(["Settled by an admin"]);
    expect(await list({ filter: "judged" })).toEqual(["你是谁？100% honest"]);
    expect(await list({ filter: "unjudged" })).toEqual(["Settled by an admin", "Nobody judged me"]);
    expect(await list({ filter: "unjudged", query: "nobody" })).toEqual(["Nobody judged me"]);
  });
});

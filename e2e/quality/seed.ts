import { getDb } from "../../server/db/client";
import { judgePair, makeCandidate, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { makeUser } from "../../tests/support/factories";

export const MODEL_A = "model-alpha";
export const MODEL_B = "model-beta";
export const GOLD_QUESTION = "Gold question: what is two plus two?";

/**
 * A pairwise set with two generated models on every prompt: prompt 0 (GOLD_QUESTION) is left for the
 * gold journey; prompts 1..4 are judged by another annotator (alpha wins three, beta one), so the
 * leaderboard has two models with finite intervals. Each prompt carries metadata { topic }. The given
 * members join the set; gold_rate 1 serves a gold prompt on an annotator's first claim.
 */
export async function seedEvaluationSet(memberIds: string[]) {
  const db = getDb();
  const set = await makePromptSet();
  const judge = await makeUser("ANNOTATOR", { label: "second-annotator" });
  await db.promptSet.update({ where: { id: set.id }, data: { goldRate: 1, goldMinItems: 1, members: { create: [...memberIds, judge.id].map((userId) => ({ userId })) } } });
  const questions = [GOLD_QUESTION, "What is 3 + 4?", "Name a prime above 10.", "What is 10 / 4?", "Spell 'arbiter' backwards."];
  const prompts = [];
  for (const [index, question] of questions.entries()) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: question }]);
    await db.prompt.update({ where: { id: prompt.id }, data: { metadata: { topic: index % 2 === 0 ? "maths" : "words" } } });
    const alpha = await makeCandidate(prompt.id, index === 0 ? "Four: two plus two is 4." : `Alpha answer ${index}.`, { model: MODEL_A });
    const beta = await makeCandidate(prompt.id, index === 0 ? "Five, I think." : `Beta answer ${index}.`, { model: MODEL_B });
    prompts.push({ prompt, alpha, beta });
  }
  for (const [index, { prompt, alpha, beta }] of prompts.entries()) {
    if (index === 0) continue;
    if (index === 4) await judgePair(prompt, judge.id, beta.id, alpha.id);
    else await judgePair(prompt, judge.id, alpha.id, beta.id);
  }
  return { set: { id: set.id, name: set.name }, judge, prompts };
}

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../../db/client";
import { importPrompts } from "../import/import-prompts";
import { createPromptSet } from "../prompt-sets/create-prompt-set";
import { applyRewriteRules } from "./apply-rewrite-rules";
import { createRewriteRule } from "./create-rewrite-rule";
import { listRewriteRules } from "./list-rewrite-rules";
import { previewRewriteRules } from "./preview-rewrite-rules";
import { updateRewriteRule } from "./update-rewrite-rule";

async function setWithAnswers(answers: string[][]) {
  const admin = await makeUser("ADMIN");
  const set = await createPromptSet({ actor: admin, input: { name: `Rules ${randomUUID()}` } });
  const body = answers.map((responses, i) => JSON.stringify({ prompt: `Question ${i}`, responses })).join("\n");
  await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: [body] });
  return { admin, set };
}

const derived = (promptSetId: string) =>
  getDb().candidate.findMany({ where: { prompt: { promptSetId }, source: "RULE_DERIVED" }, include: { parent: true }, orderBy: { content: "asc" } });

describe("rewrite rules", () => {
  it("previews on a sample without writing, then derives linked candidates only where text changes, idempotently", async () => {
    const { admin, set } = await setWithAnswers([["I am Qwen, by Alibaba Cloud.", "I am Deep Qwen already."], ["Nothing to change here."]]);
    const qwen = await createRewriteRule({ actor: admin, promptSetId: set.id, input: { pattern: "Qwen", replacement: "Deep Qwen" } });
    const cloud = await createRewriteRule({ actor: admin, promptSetId: set.id, input: { pattern: "Alibaba Cloud", replacement: "DeepLab" } });

    const preview = await previewRewriteRules({ actor: admin, promptSetId: set.id });
    expect(preview).toEqual({
      examined: 3,
      changed: 1,
      alreadyDerived: 0,
      examples: [{ candidateId: expect.any(String) as unknown, before: "I am Qwen, by Alibaba Cloud.", after: "I am Deep Qwen, by DeepLab.", ruleIds: [qwen.id, cloud.id], exists: false }],
    });
    expect(await derived(set.id)).toHaveLength(0);

    expect(await applyRewriteRules({ actor: admin, promptSetId: set.id })).toEqual({ examined: 3, changed: 1, created: 1, alreadyDerived: 0 });
    const [only, ...rest] = await derived(set.id);
    expect(rest).toHaveLength(0);
    expect(only).toMatchObject({ content: "I am Deep Qwen, by DeepLab.", rewriteRuleId: qwen.id, parent: { content: "I am Qwen, by Alibaba Cloud.", source: "IMPORTED" }, params: { rewriteRuleIds: [qwen.id, cloud.id] } });
    expect(only!.promptId).toBe(only!.parent!.promptId);

    // After Apply the preview says which changes already exist (the ones a second Apply skips).
    const afterApply = await previewRewriteRules({ actor: admin, promptSetId: set.id });
    expect(afterApply).toMatchObject({ examined: 3, changed: 1, alreadyDerived: 1, examples: [{ after: "I am Deep Qwen, by DeepLab.", exists: true }] });

    // Again: nothing new, and derived candidates are never sources themselves.
    expect(await applyRewriteRules({ actor: admin, promptSetId: set.id })).toEqual({ examined: 3, changed: 1, created: 0, alreadyDerived: 1 });
    expect(await derived(set.id)).toHaveLength(1);
    expect((await listRewriteRules({ actor: admin, promptSetId: set.id })).map((rule) => [rule.pattern, rule.position, rule.derivedCount])).toEqual([
      ["Qwen", 0, 1],
      ["Alibaba Cloud", 1, 0],
    ]);
  });

  it("the preview marks as existing only the changes an Apply already made: a new source or a changed rule gives new ones", async () => {
    const { admin, set } = await setWithAnswers([["I am Qwen."]]);
    const rule = await createRewriteRule({ actor: admin, promptSetId: set.id, input: { pattern: "Qwen", replacement: "Deep Qwen" } });
    await applyRewriteRules({ actor: admin, promptSetId: set.id });
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: [JSON.stringify({ prompt: "Who?", responses: ["Qwen speaking."] })] });

    const preview = await previewRewriteRules({ actor: admin, promptSetId: set.id });
    expect(preview.changed).toBe(2);
    expect(preview.alreadyDerived).toBe(1);
    expect(Object.fromEntries(preview.examples.map((example) => [example.after, example.exists]))).toEqual({ "I am Deep Qwen.": true, "Deep Qwen speaking.": false });
    // What the preview promised: one created, one already there.
    expect(await applyRewriteRules({ actor: admin, promptSetId: set.id })).toMatchObject({ changed: 2, created: 1, alreadyDerived: 1 });

    // Another replacement derives other text: nothing of it exists yet.
    await updateRewriteRule({ actor: admin, ruleId: rule.id, input: { remove: true } });
    await createRewriteRule({ actor: admin, promptSetId: set.id, input: { pattern: "Qwen", replacement: "Qwen-Max" } });
    const changedRule = await previewRewriteRules({ actor: admin, promptSetId: set.id });
    expect(changedRule).toMatchObject({ changed: 2, alreadyDerived: 0 });
    expect(changedRule.examples.every((example) => !example.exists)).toBe(true);
  });

  it("a disabled rule does not apply; a removed rule leaves its derived candidates; no enabled rule is refused", async () => {
    const { admin, set } = await setWithAnswers([["Qwen here"]]);
    const rule = await createRewriteRule({ actor: admin, promptSetId: set.id, input: { pattern: "qwen", replacement: "Deep Qwen", caseSensitive: false } });
    await updateRewriteRule({ actor: admin, ruleId: rule.id, input: { enabled: false } });
    await expect(applyRewriteRules({ actor: admin, promptSetId: set.id })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no enabled rewrite rules/) as unknown });
    await updateRewriteRule({ actor: admin, ruleId: rule.id, input: { enabled: true } });
    expect((await applyRewriteRules({ actor: admin, promptSetId: set.id })).created).toBe(1);
    await updateRewriteRule({ actor: admin, ruleId: rule.id, input: { remove: true } });
    expect(await derived(set.id)).toMatchObject([{ content: "Deep Qwen here", rewriteRuleId: null }]);
  });

  it("refuses an invalid regular expression by field, and every rule call from engineers and annotators", async () => {
    const { admin, set } = await setWithAnswers([["x"]]);
    await expect(createRewriteRule({ actor: admin, promptSetId: set.id, input: { pattern: "(open", replacement: "x", isRegex: true } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fields: { pattern: expect.stringMatching(/not a valid regular expression/) as unknown },
    });
    for (const role of ["ENGINEER", "ANNOTATOR"] as const) {
      const actor = await makeUser(role);
      await expect(createRewriteRule({ actor, promptSetId: set.id, input: { pattern: "a", replacement: "b" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(applyRewriteRules({ actor, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(previewRewriteRules({ actor, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

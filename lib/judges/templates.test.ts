import { describe, expect, it } from "vitest";
import { errorText } from "../i18n/translate";
import { defaultTemplates, templateLanguages } from "./default-templates";
import { judgeKinds, conversationText, placeholdersIn, renderTemplate, templateProblem } from "./templates";

describe("judge templates", () => {
  it("our default templates, English and Chinese, have what each kind needs", () => {
    for (const language of templateLanguages) {
      for (const kind of judgeKinds) expect(templateProblem(kind, defaultTemplates[language][kind]), `${language} ${kind}`).toBeNull();
    }
    expect(defaultTemplates.en.PAIRWISE.system).toContain("[[C]]");
    expect(defaultTemplates.zh.SINGLE.system).toContain("Rating: [[7]]");
  });

  it("refuses a template missing its answer placeholders, naming them", () => {
    const text = (problem: ReturnType<typeof templateProblem>) => (problem ? errorText("en", problem.key, problem.params) : null);
    expect(templateProblem("PAIRWISE", { system: "", user: "Question: {{question}}\n{{answer_a}}" })).toMatchObject({ key: "field.templateMissing", params: { missing: "{{answer_b}}" } });
    expect(text(templateProblem("PAIRWISE", { system: "", user: "Question: {{question}}\n{{answer_a}}" }))).toBe("The template is missing {{answer_b}}.");
    expect(text(templateProblem("SINGLE", { system: "", user: "Grade it." }))).toContain("missing {{question}}, {{answer}}");
    expect(text(templateProblem("REFERENCE", { system: "{{question}}", user: "{{answer}}" }))).toContain("missing {{reference}}");
    expect(text(templateProblem("SINGLE", { system: "", user: "{{question}} {{answer}} {{answer_b}} {{ reference }}" }))).toContain("unknown {{answer_b}}, {{reference}}");
    expect(errorText("zh-CN", "field.templateMissing", { missing: "{{answer_b}}" })).toBe("模板缺少 {{answer_b}}。");
    expect(templateProblem("PAIRWISE", { system: "{{question}}", user: "{{answer_a}} {{answer_b}} {{reference}}" })).toBeNull();
  });

  it("renders values in one pass: an answer holding a placeholder is not expanded again", () => {
    const messages = renderTemplate({ system: "Judge {{question}}", user: "A: {{answer_a}}\nB: {{answer_b}}" }, { question: "2+2?", answer_a: "4 {{answer_b}}", answer_b: "5" });
    expect(messages).toEqual([
      { role: "system", content: "Judge 2+2?" },
      { role: "user", content: "A: 4 {{answer_b}}\nB: 5" },
    ]);
    expect(renderTemplate({ system: "  ", user: "{{question}}" }, { question: "q" })).toEqual([{ role: "user", content: "q" }]);
    expect(placeholdersIn("{{a}} {{ b_c }} {x}")).toEqual(["a", "b_c"]);
  });

  it("writes a multi-turn conversation with its roles, a single question as it is", () => {
    expect(conversationText([{ role: "user", content: "hi" }])).toBe("hi");
    expect(
      conversationText([
        { role: "system", content: "be brief" },
        { role: "user", content: "hi" },
        { role: "assistant", content: "hello" },
        { role: "user", content: "again" },
      ]),
    ).toBe("[System]\nbe brief\n\n[User]\nhi\n\n[Assistant]\nhello\n\n[User]\nagain");
  });
});

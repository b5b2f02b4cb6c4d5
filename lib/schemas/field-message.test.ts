import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorText } from "../i18n/translate";
import { fieldErrors } from "./field-errors";
import { describeFieldProblems, fieldMessage, fieldReasons, readFieldMessage, readReasonList, reasonListMessage, reasonMessage } from "./field-message";
import { createPromptSetSchema } from "./prompt-set";
import { createUserSchema } from "./user";

describe("field messages: one definition in the catalogues, a key in the schema", () => {
  it("carries a key and its params through a zod issue", () => {
    const schema = z.object({ overlap: z.number().max(20, fieldMessage("field.atMost", { label: "overlap", max: 20 })) });
    const error = schema.safeParse({ overlap: 30 }).error!;
    expect(fieldReasons(error)).toEqual({ overlap: { key: "field.atMost", params: { label: "overlap", max: 20 } } });
    expect(fieldErrors(error)).toEqual({ overlap: "overlap must be at most 20" });
  });

  it("keeps a message that has no key (zod's own, or plain English) as text", () => {
    expect(readFieldMessage("Invalid input")).toEqual({ key: "field.text", params: { text: "Invalid input" } });
    expect(errorText("zh-CN", "field.text", { text: "Invalid input" })).toBe("Invalid input");
  });

  it("translates the message and its field label into Chinese, numbers with the locale's grouping", () => {
    const error = createPromptSetSchema.safeParse({ name: "", candidatesPerPrompt: 1, defaultSystemMessage: "x".repeat(20_001) }).error!;
    const reasons = fieldReasons(error);
    const zh = Object.fromEntries(Object.entries(reasons).map(([field, reason]) => [field, errorText("zh-CN", reason.key, reason.params)]));
    expect(zh).toEqual({ name: "请输入名称", candidatesPerPrompt: "每个提示的候选回答数不能小于 2", defaultSystemMessage: "默认系统消息最多 20,000 个字符" });
    expect(fieldErrors(error)).toEqual({
      name: "enter a name",
      candidatesPerPrompt: "candidates per prompt must be at least 2",
      defaultSystemMessage: "the default system message has at most 20,000 characters",
    });
  });

  it("words a user's fields in both languages", () => {
    const error = createUserSchema.safeParse({ email: "nope", name: "Ada", role: "ENGINEER", password: "short" }).error!;
    const reasons = fieldReasons(error);
    expect(reasons.email).toEqual({ key: "field.validEmail" });
    expect(errorText("zh-CN", reasons.password!.key, reasons.password!.params)).toBe("密码至少需要 12 个字符");
  });

  it("sums up the fields in one line, the form-wide problem without a name", () => {
    expect(describeFieldProblems({ name: "enter a name", form: "nothing to change" })).toBe("name: enter a name; nothing to change");
  });

  it("carries a list of reasons in one param, each translated and joined in the language's way", () => {
    const problems = reasonListMessage([
      { key: "field.atPlace", params: { place: "a", problem: reasonMessage("field.notEmpty") } },
      { key: "field.mustBeAtMost", params: { max: 2 } },
    ]);
    expect(errorText("en", "field.problemList", { problems })).toBe("a: must not be empty; must be at most 2");
    expect(errorText("zh-CN", "field.problemList", { problems })).toBe("a：不能为空；不能大于 2");
  });

  it("reads back a reason whose params hold the mark itself (user text), and a list part that is not one as text", () => {
    const text = "\uE000[odd]\uE000";
    expect(readReasonList(reasonListMessage([{ key: "field.text", params: { text } }, { key: "field.notEmpty" }]))).toEqual([{ key: "field.text", params: { text } }, { key: "field.notEmpty" }]);
    expect(readReasonList("\uE000not json")).toEqual([{ key: "field.text", params: { text: "\uE000not json" } }]);
  });
});

import { describe, expect, it } from "vitest";
import { errorText } from "@/lib/i18n/translate";
import { createPromptSetSchema } from "@/lib/schemas/prompt-set";
import { AppError, toErrorBody } from "./errors";
import { parseOrThrow } from "./services/parse";

describe("AppError with a reason key", () => {
  it("takes its English message from the catalogue and sends the key and params beside it", () => {
    const error = new AppError("FORBIDDEN", { key: "auth.roleMayNot", params: { role: "ANNOTATOR", what: "run generation" } });
    expect(error.message).toBe("Your role (ANNOTATOR) may not run generation.");
    expect(toErrorBody(error)).toEqual({
      status: 403,
      body: { error: { code: "FORBIDDEN", message: "Your role (ANNOTATOR) may not run generation.", key: "auth.roleMayNot", params: { role: "ANNOTATOR", what: "run generation" } } },
    });
  });

  it("reads in Chinese with the role and the action translated too", () => {
    expect(errorText("zh-CN", "auth.roleMayNot", { role: "ANNOTATOR", what: "run generation" })).toBe("你的角色（标注员）不能运行生成。");
    expect(errorText("zh-CN", "auth.tooManyFailures", { minutes: 3, at: "12:05" })).toBe("登录失败次数过多。请在 3 分钟后（UTC 12:05）重试。");
    expect(errorText("en", "auth.tooManyFailures", { minutes: 1, at: "12:05" })).toBe("Too many failed sign-ins. Try again in 1 minute (at 12:05 UTC).");
  });

  it("sends field problems in English with their reasons beside them (parseOrThrow's BAD_REQUEST)", () => {
    let error: unknown;
    try {
      parseOrThrow(createPromptSetSchema, { name: " ", overlap: 30 });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(toErrorBody(error).body).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "name: enter a name; overlap: overlap must be at most 20",
        key: "invalidFields",
        params: { problems: "name: enter a name; overlap: overlap must be at most 20" },
        fields: { name: "enter a name", overlap: "overlap must be at most 20" },
        fieldReasons: { name: { key: "field.enter", params: { label: "name" } }, overlap: { key: "field.atMost", params: { label: "overlap", max: 20 } } },
      },
    });
    const conflict = new AppError("CONFLICT", { key: "promptSets.nameTaken", params: { name: "x" } }, { name: { key: "field.alreadyInUse" } });
    expect(conflict.fields).toEqual({ name: "already in use" });
    expect(errorText("zh-CN", conflict.fieldReasons!.name!.key, undefined)).toBe("已被使用");
  });

  it("keeps a plain English message without a key (errors not yet given one)", () => {
    const error = new AppError("CONFLICT", "Something specific.", { name: "taken" });
    expect(error.key).toBeUndefined();
    expect(toErrorBody(error).body).toEqual({ error: { code: "CONFLICT", message: "Something specific.", fields: { name: "taken" }, fieldReasons: { name: { key: "field.text", params: { text: "taken" } } } } });
  });

  it("answers an unexpected error with the internal reason", () => {
    const spy = console.error;
    console.error = () => {};
    try {
      expect(toErrorBody(new Error("boom")).body.error).toEqual({ code: "INTERNAL", message: "Something went wrong on the server; it has been logged.", key: "internal" });
    } finally {
      console.error = spy;
    }
  });
});

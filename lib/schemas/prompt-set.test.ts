import { describe, expect, it } from "vitest";
import { createPromptSetSchema, rewriteRuleSchema, updatePromptSetSchema } from "./prompt-set";
import { englishText } from "./field-errors";

describe("prompt set schemas", () => {
  it("fills defaults, coerces form numbers and turns an empty system message into none", () => {
    expect(createPromptSetSchema.parse({ name: "  Identity  ", candidatesPerPrompt: "4", defaultSystemMessage: "  " })).toEqual({
      name: "Identity",
      description: "",
      guidelines: "",
      defaultSystemMessage: null,
      judgingMode: "PAIRWISE",
      candidatesPerPrompt: 4,
      overlap: 1,
    });
  });

  it("names each bad field", () => {
    const result = createPromptSetSchema.safeParse({ name: "", candidatesPerPrompt: 1, overlap: "x", judgingMode: "BEST" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), englishText(issue.message)]));
    expect(messages).toEqual({
      name: "enter a name",
      candidatesPerPrompt: "candidates per prompt must be at least 2",
      overlap: "overlap must be a number",
      judgingMode: "judging mode must be one of PAIRWISE, RANKING",
    });
  });

  it("an update must change something; a rule needs a pattern", () => {
    expect(updatePromptSetSchema.safeParse({}).success).toBe(false);
    expect(updatePromptSetSchema.parse({ archived: true })).toEqual({ archived: true });
    expect(englishText(rewriteRuleSchema.safeParse({ pattern: "", replacement: "x" }).error?.issues[0]?.message ?? "")).toBe("enter a pattern");
  });
});

import { describe, expect, it } from "vitest";
import { fieldErrors } from "./field-errors";
import { createUserSchema, signInSchema, updateUserSchema } from "./user";

describe("createUserSchema", () => {
  it("normalises the email and treats an empty password as 'generate one'", () => {
    const parsed = createUserSchema.parse({ email: "  Ada@Example.COM ", name: "Ada", role: "ENGINEER", password: "" });
    expect(parsed).toEqual({ email: "ada@example.com", name: "Ada", role: "ENGINEER", password: undefined });
  });

  it("names each bad field", () => {
    const result = createUserSchema.safeParse({ email: "not-an-email", name: " ", role: "ROOT", password: "short" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      email: "enter a valid email address",
      name: "enter a name",
      role: "role must be one of ADMIN, ANNOTATOR, ENGINEER",
      password: "a password needs at least 12 characters",
    });
  });
});

describe("updateUserSchema", () => {
  it("refuses an empty change", () => {
    expect(updateUserSchema.safeParse({}).success).toBe(false);
    expect(updateUserSchema.parse({ disabled: true })).toEqual({ disabled: true });
  });
});

describe("signInSchema", () => {
  it("needs a password", () => {
    const result = signInSchema.safeParse({ email: "a@b.co", password: "" });
    expect(result.success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site", () => {
    expect(safeCallbackUrl("/users?page=2")).toBe("/users?page=2");
  });

  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", "users", "", null, 42, `/${"a".repeat(3000)}`])(
    "refuses %j",
    (value) => {
      expect(safeCallbackUrl(value)).toBeNull();
    },
  );
});

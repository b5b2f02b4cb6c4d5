import { describe, expect, it } from "vitest";
import { formText } from "./form-data";

describe("formText", () => {
  const form = new FormData();
  form.set("name", "  Ada ");
  form.set("empty", "");
  form.set("upload", new Blob(["x"]), "x.txt");

  it("returns a text field as submitted", () => {
    expect(formText(form, "name")).toBe("  Ada ");
    expect(formText(form, "empty")).toBe("");
  });

  it("gives undefined, or the fallback, for a missing field or a file", () => {
    expect(formText(form, "missing")).toBeUndefined();
    expect(formText(form, "upload")).toBeUndefined();
    expect(formText(form, "missing", "")).toBe("");
    expect(formText(form, "upload", "")).toBe("");
  });
});

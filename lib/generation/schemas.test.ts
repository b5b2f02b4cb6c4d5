import { describe, expect, it } from "vitest";
import { createEndpointSchema, startRunSchema } from "./schemas";
import { englishText } from "../schemas/field-errors";

describe("endpoint and run inputs", () => {
  it("reads a form's strings: blanks are unset, numbers coerced, trailing slash dropped", () => {
    const parsed = createEndpointSchema.parse({ name: " Local ", baseUrl: "http://localhost:8000/v1/", model: "qwen", apiKey: "", defaults: { temperature: "0.7", top_p: "", max_tokens: "256" }, maxConcurrency: "8", timeoutMs: "" });
    expect(parsed).toEqual({ name: "Local", baseUrl: "http://localhost:8000/v1", model: "qwen", apiKey: undefined, defaults: { temperature: 0.7, top_p: undefined, max_tokens: 256 }, maxConcurrency: 8, timeoutMs: 120_000 });
  });

  it("names each bad field", () => {
    const result = createEndpointSchema.safeParse({ name: "", baseUrl: "ftp://x", model: "m", defaults: { temperature: "3" }, maxConcurrency: "0" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), englishText(issue.message)]));
    expect(messages).toMatchObject({
      name: "enter a name",
      baseUrl: expect.stringMatching(/http:\/\/ or https:\/\//),
      "defaults.temperature": "temperature must be between 0 and 2",
      maxConcurrency: "max concurrency must be at least 1",
    });
  });

  it("splits stop sequences by line and limits them to four", () => {
    const base = { endpointIds: ["3f0c1c2e-0000-4000-8000-000000000000"], candidatesPerModel: "2" };
    expect(startRunSchema.parse({ ...base, stop: "###\n\nEND\r\n" }).stop).toEqual(["###", "END"]);
    expect(englishText(startRunSchema.safeParse({ ...base, stop: "a\nb\nc\nd\ne" }).error?.issues[0]?.message ?? "")).toMatch(/at most 4/);
    expect(englishText(startRunSchema.safeParse({ ...base, endpointIds: [] }).error?.issues[0]?.message ?? "")).toBe("choose at least one endpoint");
  });
});

describe("endpoint base URLs", () => {
  const parse = (baseUrl: string) => createEndpointSchema.safeParse({ name: "x", baseUrl, model: "m" });

  it("refuses a user name or password in the URL, which would be stored and shown in plain text", () => {
    for (const baseUrl of ["http://user:secret@127.0.0.1:8000/v1", "https://sk-abc@api.example.com/v1", "http://:pw@localhost/v1"]) {
      const result = parse(baseUrl);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => englishText(issue.message))).toEqual([
        "the base URL may not contain a user name or password (user:password@); put the key in the API key field",
      ]);
    }
  });

  it("stores numeric tricks in their normal form", () => {
    expect(parse("http://0x7f000001:8000/v1/").data?.baseUrl).toBe("http://127.0.0.1:8000/v1");
    expect(parse("http://2130706433/v1").data?.baseUrl).toBe("http://127.0.0.1/v1");
    expect(parse("http://0251.0376.0251.0376/latest").data?.baseUrl).toBe("http://169.254.169.254/latest");
    expect(parse("HTTP://LocalHost:8000/v1").data?.baseUrl).toBe("http://localhost:8000/v1");
  });
});

import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { makeLogger, routeLabel } from "./core.mjs";

describe("routeLabel", () => {
  it("keeps metric labels few: ids, numbers, long segments and file paths collapsed, no query", () => {
    expect(routeLabel("/api/annotation/prompt-sets/0b5e1c3a-1f2d-4c5b-9a8e-7d6c5b4a3f2e/claim?x=1")).toBe("/api/annotation/prompt-sets/:id/claim");
    expect(routeLabel("/api/exports/0b5e1c3a-1f2d-4c5b-9a8e-7d6c5b4a3f2e/files/dpo/train.jsonl")).toBe("/api/exports/:id/files/*");
    expect(routeLabel("/prompt-sets/123/page")).toBe("/prompt-sets/:x/page");
    expect(routeLabel("/_next/static/chunks/abc.js")).toBe("/_next/*");
    expect(routeLabel("/")).toBe("/");
  });
});

describe("the logger", () => {
  it("writes JSON lines with level and time, and redacts secrets and prompt text at any depth", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const piped = makeLogger({ process: "test", destination: sink });
    piped.info({ password: "hunter2-hunter2", user: { token: "tok-123", id: "u1" }, request: { body: { messages: [{ content: "secret prompt" }] } }, apiKey: "sk-1" }, "hello");
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "info", msg: "hello", process: "test", password: "[redacted]", apiKey: "[redacted]", user: { token: "[redacted]", id: "u1" } });
    expect(typeof line.time).toBe("string");
    expect(lines[0]).not.toContain("hunter2");
    expect(lines[0]).not.toContain("tok-123");
    expect(lines[0]).not.toContain("secret prompt");
  });
});


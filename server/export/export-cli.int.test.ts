import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { judgePair, makeCandidate, makePrompt, makePromptSet, sha256 } from "@/tests/support/export-factories";
import { makeUser } from "@/tests/support/factories";

const run = promisify(execFile);

function cli(args: string[]) {
  return run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/export.ts", ...args], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    cwd: path.resolve(import.meta.dirname, "../.."),
  });
}

describe("npm run export", () => {
  it("builds an export by prompt-set name into a folder whose files match the manifest's hashes", async () => {
    const annotator = await makeUser("ANNOTATOR");
    const set = await makePromptSet({ name: `cli-${crypto.randomUUID().slice(0, 8)}` });
    for (let i = 0; i < 3; i += 1) {
      const prompt = await makePrompt(set.id, [{ role: "user", content: `cli ${i}` }]);
      await judgePair(prompt, annotator.id, (await makeCandidate(prompt.id, `good ${i}`)).id, (await makeCandidate(prompt.id, `bad ${i}`)).id);
    }
    const out = await mkdtemp(path.join(tmpdir(), "arbiter-export-"));
    try {
      const { stdout } = await cli(["--set", set.name, "--format", "kto", "--out", out, "--test", "0"]);
      expect(stdout).toMatch(/kto\/train\.jsonl {2}\(6 rows\)/);
      const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as { filters: { promptSetIds: string[] }; files: { path: string; sha256: string }[] };
      expect(manifest.filters.promptSetIds).toEqual([set.id]);
      for (const file of manifest.files) expect(sha256(await readFile(path.join(out, file.path)))).toBe(file.sha256);
      const rows = (await readFile(path.join(out, "kto/train.jsonl"), "utf8")).trimEnd().split("\n").map((line) => JSON.parse(line) as { label: boolean });
      expect(rows.map((row) => row.label).sort()).toEqual([false, false, false, true, true, true]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("names the unknown prompt set and the missing options", async () => {
    const missing = await cli(["--format", "kto"]).catch((error: { stderr: string; code: number }) => error);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining("Missing --set, --out.") });
    const unknown = await cli(["--set", "no-such-set-anywhere", "--format", "kto", "--out", "/tmp/unused"]).catch((error: { stderr: string }) => error);
    expect((unknown as { stderr: string }).stderr).toContain("--set no-such-set-anywhere: no prompt set has this id or name.");
  });
});

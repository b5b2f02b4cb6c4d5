import { createHash } from "node:crypto";
import { judgePair, makeCandidate, makeJudgment, makePrompt, makePromptSet } from "../../tests/support/export-factories";
import { makeUser } from "../../tests/support/factories";
import { expect, test } from "../support/fixtures";
import { readZip } from "./read-zip";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

async function judgedSet() {
  const annotator = await makeUser("ANNOTATOR");
  const set = await makePromptSet({ name: `e2e-dpo-${crypto.randomUUID().slice(0, 8)}`, defaultSystemMessage: "You are Deep Qwen." });
  for (let i = 0; i < 6; i += 1) {
    const prompt = await makePrompt(set.id, [{ role: "user", content: `Who are you? (${i})` }]);
    const [good, middle, bad] = [await makeCandidate(prompt.id, `I am Deep Qwen ${i}.`), await makeCandidate(prompt.id, `An assistant ${i}.`), await makeCandidate(prompt.id, `I am Qwen ${i}.`)];
    await makeJudgment(prompt, annotator.id, { outcome: "PREFERENCE", ranks: [{ candidateId: bad.id, rank: 3 }, { candidateId: good.id, rank: 1 }, { candidateId: middle.id, rank: 2 }] });
  }
  const tie = await makePrompt(set.id, [{ role: "user", content: "Tie?" }]);
  const [a, b] = [await makeCandidate(tie.id, "yes"), await makeCandidate(tie.id, "no")];
  await judgePair(tie, annotator.id, a.id, b.id);
  return set;
}

test.describe("dataset export", () => {
  test("an engineer previews and builds a DPO export with a pairing policy, then downloads an archive whose hashes match", async ({ as }) => {
    const set = await judgedSet();
    const { page } = await as("ENGINEER");
    await page.goto("/exports");
    await page.getByLabel("Format").selectOption("trl-preference");
    await page.getByLabel(new RegExp(`^${set.name} `)).check();
    await page.getByLabel("Pairing policy").selectOption("all-pairs");
    await page.getByLabel("Test (%)").fill("0");
    await page.getByRole("button", { name: "Preview" }).click();
    // 6 rankings of three give 3 pairs each under all-pairs; the pairwise prompt gives 1.
    await expect(page.getByTestId("export-rows")).toHaveText("19 rows from 7 prompts");
    // The headline adds up with the splits: with no test share, train holds every row and prompt.
    await expect(page.getByTestId("export-split-train")).toHaveText("train: 19 rows, 7 prompts");
    await expect(page.getByTestId("export-preview-record").first()).toContainText('"chosen":[{"role":"assistant"');

    await page.getByLabel("Name (optional)").fill(`DPO ${set.name}`);
    await page.getByRole("button", { name: "Start export" }).click();
    // Start export opens the new export's page, where its status and progress are followed.
    await page.waitForURL(/\/exports\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: `DPO ${set.name}` })).toBeVisible();
    await expect(page.getByText("succeeded", { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("export-file")).toHaveCount(3);

    const exportId = page.url().split("/").at(-1)!;
    const download = await page.request.get(`/api/exports/${exportId}/archive?type=zip`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/zip");
    const entries = readZip(await download.body());
    const folder = `dpo-${set.name}`;
    expect([...entries.keys()].sort()).toEqual([`${folder}/README.md`, `${folder}/dpo/train.jsonl`, `${folder}/manifest.json`]);
    const manifest = JSON.parse(entries.get(`${folder}/manifest.json`)!.toString("utf8")) as {
      format: { name: string };
      policy: { kind: string };
      counts: { rows: number };
      files: { path: string; sha256: string }[];
    };
    expect(manifest).toMatchObject({ format: { name: "trl-preference" }, policy: { kind: "all-pairs" }, counts: { rows: 19 } });
    for (const file of manifest.files) expect(sha256(entries.get(`${folder}/${file.path}`)!), file.path).toBe(file.sha256);
    expect(entries.get(`${folder}/dpo/train.jsonl`)!.toString("utf8").trimEnd().split("\n")).toHaveLength(19);

    // The single split as JSONL, with its hash in a header.
    const single = await page.request.get(`/api/exports/${exportId}/files/dpo/train.jsonl`);
    expect(single.headers()["x-sha256"]).toBe(sha256(await single.body()));
  });

  test("an API token created in the UI reads exports over HTTP until it is revoked; annotators reach nothing", async ({ as, playwright, baseURL }) => {
    const { page } = await as("ENGINEER");
    await page.goto("/exports");
    await page.getByLabel("Token name").fill("pipeline");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-api-token").textContent())?.trim() ?? "";
    expect(token).toMatch(/^arb_/);

    const api = await playwright.request.newContext({ baseURL });
    const withToken = { headers: { authorization: `Bearer ${token}` } };
    expect((await api.get("/api/exports", withToken)).status()).toBe(200);
    expect((await api.get("/api/exports")).status()).toBe(401);

    await page.getByTestId("api-token-row").filter({ hasText: "pipeline" }).getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId("api-token-row").filter({ hasText: "pipeline" })).toContainText("revoked");
    expect((await api.get("/api/exports", withToken)).status()).toBe(401);
    await api.dispose();

    const annotator = await as("ANNOTATOR");
    const forbidden = await annotator.page.goto("/exports");
    expect(forbidden?.status()).toBe(403);
    expect((await annotator.page.request.get("/api/exports")).status()).toBe(403);
    expect((await annotator.page.request.post("/api/exports", { data: { format: "kto", filters: { promptSetIds: [] } } })).status()).toBe(403);
  });
});

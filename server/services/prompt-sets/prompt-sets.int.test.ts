import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { getDb } from "../../db/client";
import { importPrompts } from "../import/import-prompts";
import { createPromptSet } from "./create-prompt-set";
import { deletePromptSet } from "./delete-prompt-set";
import { getPromptSet } from "./get-prompt-set";
import { listPromptSets } from "./list-prompt-sets";
import { listPrompts } from "./list-prompts";
import { setPromptSetMembers } from "./set-prompt-set-members";
import { updatePromptSet } from "./update-prompt-set";

describe("prompt sets", () => {
  it("an admin creates, edits, archives, restores and deletes a set; each change is audited", async () => {
    const admin = await makeUser("ADMIN");
    const name = `Set ${randomUUID()}`;
    const set = await createPromptSet({ actor: admin, input: { name, guidelines: "# Be kind", judgingMode: "RANKING", candidatesPerPrompt: "4", overlap: 3 } });
    await expect(createPromptSet({ actor: admin, input: { name } })).rejects.toMatchObject({ code: "CONFLICT", key: "promptSets.nameTaken", params: { name }, message: `A prompt set named "${name}" already exists.`, fields: { name: "already in use" } });
    await updatePromptSet({ actor: admin, promptSetId: set.id, input: { description: "Identity", defaultSystemMessage: "You are Deep Qwen." } });
    const detail = await getPromptSet({ actor: admin, promptSetId: set.id });
    expect(detail).toMatchObject({ name, description: "Identity", guidelines: "# Be kind", judgingMode: "RANKING", candidatesPerPrompt: 4, overlap: 3, defaultSystemMessage: "You are Deep Qwen.", archivedAt: null });

    await updatePromptSet({ actor: admin, promptSetId: set.id, input: { archived: true } });
    await expect(updatePromptSet({ actor: admin, promptSetId: set.id, input: { name: "renamed" } })).rejects.toMatchObject({ code: "CONFLICT", key: "promptSets.archived" });
    const listed = await listPromptSets({ actor: admin });
    expect(listed.find((row) => row.id === set.id)?.archivedAt).toBeInstanceOf(Date);
    await updatePromptSet({ actor: admin, promptSetId: set.id, input: { archived: false } });

    await deletePromptSet({ actor: admin, promptSetId: set.id });
    await expect(getPromptSet({ actor: admin, promptSetId: set.id })).rejects.toMatchObject({ code: "NOT_FOUND", key: "promptSets.noSuchSet" });
    const audit = await getDb().auditLog.findMany({ where: { entityId: set.id }, orderBy: { id: "asc" } });
    expect(audit.map((row) => row.action)).toEqual(["prompt_set.create", "prompt_set.update", "prompt_set.archive", "prompt_set.restore", "prompt_set.delete"]);
  });

  it("members are active annotators (or admins) only, replaced as a whole", async () => {
    const admin = await makeUser("ADMIN");
    const [a, b, engineer] = [await makeUser("ANNOTATOR"), await makeUser("ANNOTATOR"), await makeUser("ENGINEER")];
    const set = await createPromptSet({ actor: admin, input: { name: `Members ${randomUUID()}` } });
    expect(await setPromptSetMembers({ actor: admin, promptSetId: set.id, input: { userIds: [a.id, b.id] } })).toEqual({ added: 2, removed: 0 });
    expect(await setPromptSetMembers({ actor: admin, promptSetId: set.id, input: { userIds: [b.id] } })).toEqual({ added: 0, removed: 1 });
    await expect(setPromptSetMembers({ actor: admin, promptSetId: set.id, input: { userIds: [engineer.id] } })).rejects.toMatchObject({ code: "BAD_REQUEST", key: "promptSets.notEligibleMembers", params: { userIds: engineer.id } });
    expect((await getPromptSet({ actor: admin, promptSetId: set.id })).members.map((member) => member.id)).toEqual([b.id]);
  });

  it("lists prompts in pages, searches them, and counts candidates by source", async () => {
    const admin = await makeUser("ADMIN");
    const set = await createPromptSet({ actor: admin, input: { name: `Pages ${randomUUID()}` } });
    const body = Array.from({ length: 25 }, (_, i) => JSON.stringify({ prompt: i === 7 ? "the 100% special_one" : `prompt number ${i}`, responses: ["r"] })).join("\n");
    await importPrompts({ actor: admin, promptSetId: set.id, input: { format: "jsonl", mode: "all-or-nothing" }, body: [body] });
    const engineer = await makeUser("ENGINEER");
    const second = await listPrompts({ actor: engineer, promptSetId: set.id, input: { page: "2", pageSize: "10" } });
    expect(second).toMatchObject({ total: 25, page: 2, pageCount: 3 });
    expect(second.prompts.map((prompt) => prompt.messages[0]?.content)).toEqual(Array.from({ length: 10 }, (_, i) => `prompt number ${i + 10}`));
    expect(second.prompts[0]?.candidates).toMatchObject([{ content: "r", source: "IMPORTED" }]);
    // LIKE wildcards in the search are literal.
    const found = await listPrompts({ actor: engineer, promptSetId: set.id, input: { q: "100% special_" } });
    expect(found.prompts.map((prompt) => prompt.messages[0]?.content)).toEqual(["the 100% special_one"]);
    expect((await listPrompts({ actor: engineer, promptSetId: set.id, input: { q: "0%" } })).total).toBe(1);
    const detail = await getPromptSet({ actor: engineer, promptSetId: set.id });
    expect(detail.counts).toMatchObject({ prompts: 25, candidatesBySource: { IMPORTED: 25, GENERATED: 0, RULE_DERIVED: 0 }, promptsWithEnoughCandidates: 0, judgments: 0 });
  });

  it("engineers read but never change; annotators are refused everything", async () => {
    const admin = await makeUser("ADMIN");
    const set = await createPromptSet({ actor: admin, input: { name: `Roles ${randomUUID()}` } });
    const engineer = await makeUser("ENGINEER");
    expect((await getPromptSet({ actor: engineer, promptSetId: set.id })).id).toBe(set.id);
    await expect(updatePromptSet({ actor: engineer, promptSetId: set.id, input: { name: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deletePromptSet({ actor: engineer, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createPromptSet({ actor: engineer, input: { name: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const annotator = await makeUser("ANNOTATOR");
    await expect(listPromptSets({ actor: annotator })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getPromptSet({ actor: annotator, promptSetId: set.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listPrompts({ actor: annotator, promptSetId: set.id, input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

import { createHash } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { makeUser } from "@/tests/support/factories";
import { makePromptSet } from "@/tests/support/export-factories";
import { getDb } from "../db/client";
import { createExport } from "../services/exports/create-export";
import { CHUNK_BYTES, ExportFileWriter, readExportFile } from "./file-store";

describe("export file store", () => {
  it("stores a file of many lines over several chunks, byte for byte, with its UTF-8 hash, size and row count", async () => {
    const engineer = await makeUser("ENGINEER");
    const set = await makePromptSet({});
    const queued = await createExport({ actor: engineer, input: { format: "trl-preference", filters: { promptSetIds: [set.id] } } });
    // Multi-byte text (2, 3 and 4 bytes in UTF-8, and U+2028 escaped as JSON would), so that chunks
    // counted in characters and bytes written as UTF-8 differ; enough lines for three or more chunks.
    const lines = Array.from({ length: 12_000 }, (_, i) => `${JSON.stringify({ i, text: `é中🙂 ${"x".repeat(i % 300)} \\u2028 ${i}` })}\n`);
    const expected = Buffer.from(lines.join(""), "utf8");
    const writer = await ExportFileWriter.open(queued.id, "data/train.jsonl");
    for (const line of lines) await writer.write(line);
    const entry = await writer.close({ rows: true });

    expect(entry).toEqual({ path: "data/train.jsonl", sha256: createHash("sha256").update(expected).digest("hex"), bytes: expected.length, rows: lines.length });
    const chunks = await getDb().exportFileChunk.findMany({ where: { exportId: queued.id }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(chunks.length).toBeGreaterThanOrEqual(Math.floor(expected.length / (3 * CHUNK_BYTES)) + 1);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, index) => index));
    const readBack = await buffer(readExportFile(queued.id, "data/train.jsonl"));
    expect(readBack.equals(expected)).toBe(true);
    const row = await getDb().exportFile.findUniqueOrThrow({ where: { exportId_path: { exportId: queued.id, path: "data/train.jsonl" } } });
    expect({ sha256: row.sha256, bytes: Number(row.bytes), rows: row.rows }).toEqual({ sha256: entry.sha256, bytes: entry.bytes, rows: entry.rows });
  });
});

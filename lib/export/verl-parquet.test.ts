import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { readParquet, writeParquet } from "parquet-wasm/node";
import { describe, expect, it } from "vitest";
import { verlRecord } from "./formats";
import { verlRecordSchema } from "./schemas";
import { verlColumnData, verlParquetSchema } from "./verl-parquet";

/** veRL rows written in row groups (as the export does) and read back with hyparquet, a separate reader. */
function writeGroups(groups: Parameters<typeof verlColumnData>[0][], columns: Parameters<typeof verlParquetSchema>[0] = {}): ArrayBuffer {
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({ writer, schema: verlParquetSchema(columns) });
  let written = 0;
  for (const rows of groups) {
    parquet.write({ columnData: verlColumnData(rows, written), rowGroupSize: rows.length });
    written += rows.length;
  }
  parquet.finish();
  return writer.getBuffer();
}

const math = verlRecord(
  { prompt: { messages: [{ role: "user", content: "Natalia sold clips to 48 of her friends..." }], defaultSystemMessage: "Put the final answer in \\boxed{}.", referenceAnswer: "72" }, promptId: "p1", split: "train" },
  { groundTruth: "require" },
);
const open = verlRecord({ prompt: { messages: [{ role: "user", content: "用一句话介绍长城。🏯" }], defaultSystemMessage: null, referenceAnswer: null }, promptId: "p2", split: "train" });

describe("veRL parquet", () => {
  it("writes the gsm8k.py record shape", () => {
    expect(math).toEqual({
      data_source: "arbiter",
      prompt: [
        { role: "system", content: "Put the final answer in \\boxed{}." },
        { role: "user", content: "Natalia sold clips to 48 of her friends..." },
      ],
      ability: "general",
      reward_model: { style: "rule", ground_truth: "72" },
      extra_info: { split: "train", prompt_id: "p1" },
    });
    expect(verlRecordSchema.safeParse(math).success).toBe(true);
    expect(() => verlRecord({ prompt: { messages: [{ role: "user", content: "x" }], defaultSystemMessage: null, referenceAnswer: null } }, { groundTruth: "require" })).toThrow(/ground_truth/);
  });

  it("reads back row for row across row groups: nested prompt list, struct columns, null ground truth, running index", async () => {
    const buffer = writeGroups([[math, open], [math]]);
    const metadata = parquetMetadata(buffer);
    expect(metadata.row_groups).toHaveLength(2);
    expect(Number(metadata.num_rows)).toBe(3);
    const rows = await parquetReadObjects({ file: buffer });
    expect(JSON.parse(JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value)))).toEqual([
      { ...math, extra_info: { split: "train", index: 0, prompt_id: "p1" } },
      { ...open, extra_info: { split: "train", index: 1, prompt_id: "p2" } },
      { ...math, extra_info: { split: "train", index: 2, prompt_id: "p1" } },
    ]);
  });

  // An independent reader: parquet-wasm is Rust's arrow-rs parquet crate (what pyarrow-compatible tools
  // share the format with), not hyparquet. It decodes every value of our file into Arrow; written out again
  // by arrow-rs and read by hyparquet, the rows are the ones we wrote, so arrow-rs read each value as meant.
  it("is read by arrow-rs (parquet-wasm): columns by name, every row group, the values unchanged through it", async () => {
    const buffer = writeGroups([[math, open], [math]]);
    const table = readParquet(new Uint8Array(buffer));
    expect(table.recordBatches().reduce((rows, batch) => rows + batch.numRows, 0)).toBe(3);
    for (const column of ["data_source", "prompt", "ability", "reward_model", "extra_info"]) expect(table.schema.indexOf(column), column).toBeGreaterThanOrEqual(0);
    const rewritten = writeParquet(table);
    const rows = await parquetReadObjects({ file: rewritten.buffer.slice(rewritten.byteOffset, rewritten.byteOffset + rewritten.byteLength) as ArrayBuffer });
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? Number(item) : item))) as unknown;
    expect(plain(rows)).toEqual(plain(await parquetReadObjects({ file: buffer })));
    expect(plain(rows)).toEqual([
      { ...math, extra_info: { split: "train", index: 0, prompt_id: "p1" } },
      { ...open, extra_info: { split: "train", index: 1, prompt_id: "p2" } },
      { ...math, extra_info: { split: "train", index: 2, prompt_id: "p1" } },
    ]);
  });

  it("declares prompt as a standard 3-level LIST of {role, content} and the structs veRL reads", () => {
    const schema = parquetSchema(parquetMetadata(writeGroups([[math]])));
    const byName = Object.fromEntries(schema.children.map((child) => [child.element.name, child]));
    expect(byName.prompt!.element.converted_type).toBe("LIST");
    expect(byName.prompt!.children[0]!.element.repetition_type).toBe("REPEATED");
    expect(byName.prompt!.children[0]!.children[0]!.children.map((c) => c.element.name)).toEqual(["role", "content"]);
    expect(byName.reward_model!.children.map((c) => c.element.name)).toEqual(["style", "ground_truth"]);
    expect(byName.extra_info!.children.map((c) => [c.element.name, c.element.type])).toEqual([
      ["split", "BYTE_ARRAY"],
      ["index", "INT64"],
      ["prompt_id", "BYTE_ARRAY"],
    ]);
  });

  it("writes the verifier columns (checks, pass_rate, n_samples) in extra_info when the export asks for them", async () => {
    const checks = [{ type: "math" }];
    const row = verlRecord(
      { prompt: { messages: [{ role: "user", content: "1+1?" }], defaultSystemMessage: null, referenceAnswer: "2", verifierChecks: checks }, promptId: "p3", split: "train", passRate: 0.25, samples: 4 },
      { groundTruth: "require", verifierChecks: true, passRate: true },
    );
    expect(row.extra_info).toEqual({ split: "train", prompt_id: "p3", checks: JSON.stringify(checks), pass_rate: 0.25, n_samples: 4 });
    expect(verlRecordSchema.safeParse(row).success).toBe(true);
    const buffer = writeGroups([[row]], { checks: true, passRate: true });
    const schema = parquetSchema(parquetMetadata(buffer));
    const extra = schema.children.find((child) => child.element.name === "extra_info")!;
    expect(extra.children.map((c) => [c.element.name, c.element.type])).toEqual([
      ["split", "BYTE_ARRAY"],
      ["index", "INT64"],
      ["prompt_id", "BYTE_ARRAY"],
      ["checks", "BYTE_ARRAY"],
      ["pass_rate", "DOUBLE"],
      ["n_samples", "INT64"],
    ]);
    const [read] = await parquetReadObjects({ file: buffer });
    expect(JSON.parse(JSON.stringify(read, (_key, value: unknown) => (typeof value === "bigint" ? Number(value) : value))).extra_info).toEqual({
      split: "train",
      index: 0,
      prompt_id: "p3",
      checks: '[{"type":"math"}]',
      pass_rate: 0.25,
      n_samples: 4,
    });
  });
});

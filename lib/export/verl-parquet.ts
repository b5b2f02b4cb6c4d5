import type { VerlRecord } from "./schemas";

/**
 * The explicit Parquet schema of veRL rows (hyparquet-writer writes nested lists and structs correctly
 * only with one): `prompt` a standard 3-level LIST of {role, content} structs, so that pyarrow and
 * Hugging Face datasets read it as `list<struct<role: string, content: string>>` as in veRL's gsm8k.py.
 */
const text = (name: string, optional = false) =>
  ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: optional ? "OPTIONAL" : "REQUIRED" }) as const;

export const verlParquetSchema = [
  { name: "root", num_children: 5 },
  text("data_source"),
  { name: "prompt", repetition_type: "REQUIRED", converted_type: "LIST", num_children: 1 },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "REQUIRED", num_children: 2 },
  text("role"),
  text("content"),
  text("ability"),
  { name: "reward_model", repetition_type: "REQUIRED", num_children: 2 },
  text("style"),
  text("ground_truth", true),
  { name: "extra_info", repetition_type: "REQUIRED", num_children: 3 },
  text("split"),
  { name: "index", type: "INT64", repetition_type: "REQUIRED" },
  text("prompt_id"),
] as const;

const topColumns = ["data_source", "prompt", "ability", "reward_model", "extra_info"] as const;

/** Rows as hyparquet-writer's column data, `extra_info.index` set from each row's position in its file. */
export function verlColumnData(rows: readonly VerlRecord[], firstIndex: number) {
  const indexed = rows.map((row, offset) => ({ ...row, extra_info: { split: row.extra_info.split, index: BigInt(firstIndex + offset), prompt_id: row.extra_info.prompt_id } }));
  return topColumns.map((name) => ({ name, data: indexed.map((row) => row[name]) }));
}

import type { VerlRecord } from "./schemas";

/**
 * The explicit Parquet schema of veRL rows (hyparquet-writer writes nested lists and structs correctly
 * only with one): `prompt` a standard 3-level LIST of {role, content} structs, so that pyarrow and
 * Hugging Face datasets read it as `list<struct<role: string, content: string>>` as in veRL's gsm8k.py.
 *
 * The verifier columns go in `extra_info`, which veRL hands to the reward function (`compute_score(
 * data_source, solution_str, ground_truth, extra_info)`): `checks` (JSON text, as in the JSONL
 * prompt-only format) and `pass_rate` / `n_samples`. They are present for the whole export or not at
 * all, so the schema is chosen per export.
 */
const text = (name: string, optional = false): SchemaElement => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: optional ? "OPTIONAL" : "REQUIRED" });

/** The schema elements this file uses, as literal types (assignable to hyparquet-writer's SchemaElement). */
type SchemaElement = {
  name: string;
  type?: "BYTE_ARRAY" | "INT64" | "DOUBLE";
  converted_type?: "UTF8" | "LIST";
  repetition_type?: "REQUIRED" | "OPTIONAL" | "REPEATED";
  num_children?: number;
};

export type VerlColumns = { checks?: boolean; passRate?: boolean };

const passRateColumns: SchemaElement[] = [
  { name: "pass_rate", type: "DOUBLE", repetition_type: "REQUIRED" },
  { name: "n_samples", type: "INT64", repetition_type: "REQUIRED" },
];

export function verlParquetSchema(columns: VerlColumns = {}): SchemaElement[] {
  const extra: SchemaElement[] = [
    text("split"),
    { name: "index", type: "INT64", repetition_type: "REQUIRED" },
    text("prompt_id"),
    ...(columns.checks ? [text("checks")] : []),
    ...(columns.passRate ? passRateColumns : []),
  ];
  return [
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
    { name: "extra_info", repetition_type: "REQUIRED", num_children: extra.length },
    ...extra,
  ];
}

const topColumns = ["data_source", "prompt", "ability", "reward_model", "extra_info"] as const;

/** Rows as hyparquet-writer's column data, `extra_info.index` set from each row's position in its file. */
export function verlColumnData(rows: readonly VerlRecord[], firstIndex: number) {
  const indexed = rows.map((row, offset) => {
    const { split, prompt_id, checks, pass_rate, n_samples } = row.extra_info;
    return {
      ...row,
      extra_info: {
        split,
        index: BigInt(firstIndex + offset),
        prompt_id,
        ...(checks !== undefined ? { checks } : {}),
        ...(pass_rate !== undefined ? { pass_rate, n_samples: BigInt(n_samples ?? 0) } : {}),
      },
    };
  });
  return topColumns.map((name) => ({ name, data: indexed.map((row) => row[name]) }));
}

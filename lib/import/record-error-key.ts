/** The sentence that places a record's problem: `line 7: field "messages[2].role": ...` (errors.importRecord). */
export function recordErrorKey(unit: "line" | "row", field: string | undefined) {
  return `importRecord.${unit}${field === undefined ? "" : "Field"}Problem` as const;
}

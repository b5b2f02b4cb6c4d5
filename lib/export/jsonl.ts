/** A plain JSON value: what a record is once written. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

const lineSeparators = /[\u2028\u2029]/;

/**
 * One JSONL line: the record as compact JSON, then "\n". Encode the string as UTF-8 without a BOM
 * (Node's default for strings written to a stream).
 *
 * JSON.stringify already escapes control characters (so no raw newline splits a record) and lone
 * surrogates (so the UTF-8 is well formed). U+2028 and U+2029 are valid raw in JSON but Python's
 * `str.splitlines()` and some line readers split on them, so they are escaped too; the parsed value
 * is unchanged.
 */
export function toJsonlLine(record: JsonValue): string {
  const json = JSON.stringify(record);
  // One scan in the common case (neither character present) rather than two replaces.
  if (!lineSeparators.test(json)) return `${json}\n`;
  return `${json.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")}\n`;
}

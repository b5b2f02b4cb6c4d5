import type { ImportFormat } from "./types";

const FORMAT_BY_EXTENSION = new Map<string, ImportFormat>([
  ["jsonl", "jsonl"],
  ["ndjson", "jsonl"],
  ["jsonlines", "jsonl"],
  ["json", "json"],
  ["csv", "csv"],
  ["parquet", "parquet"],
]);
/** Files people will try that no parser here reads; better refused up front than reported line by line. */
const UNSUPPORTED_EXTENSIONS = new Set(["tsv", "xls", "xlsx", "arrow", "zip", "gz"]);
/** Every Parquet file starts (and ends) with these four bytes. */
const PARQUET_MAGIC = "PAR1";
const SNIFF_LENGTH = 4096;

/**
 * Guesses the format from the file name and the first chunk; `null` when nothing says (the user picks).
 * The content wins over a JSON-family extension: Hugging Face datasets often name JSON Lines `.json`.
 */
export function detectFormat(fileName: string, firstChunk: string | Uint8Array): ImportFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim().toLowerCase())?.[1] ?? "";
  if (UNSUPPORTED_EXTENSIONS.has(extension)) return null;
  const byExtension = FORMAT_BY_EXTENSION.get(extension);
  if (byExtension === "csv") return "csv";
  if (byExtension === "parquet" || startsWithParquetMagic(firstChunk)) return "parquet";

  const head = (typeof firstChunk === "string" ? firstChunk.slice(0, SNIFF_LENGTH) : decodeHead(firstChunk)).replace(/^\uFEFF/, "");
  const first = head.trimStart().charAt(0);
  if (first === "[") return "json";
  if (first === "{") return "jsonl";
  if (byExtension !== undefined) return byExtension;
  // Without a telling extension, only a header that names a prompt column is a safe sign of CSV.
  const header = head.split(/\r\n|\n|\r/, 1)[0] ?? "";
  return /(^|,)\s*"?(prompt|instruction)"?\s*(,|$)/i.test(header) ? "csv" : null;
}

function decodeHead(bytes: Uint8Array): string {
  // Not fatal: the sniffed prefix may end in the middle of a character.
  return new TextDecoder("utf-8").decode(bytes.subarray(0, SNIFF_LENGTH));
}

function startsWithParquetMagic(chunk: string | Uint8Array): boolean {
  if (typeof chunk === "string") return chunk.startsWith(PARQUET_MAGIC);
  return chunk.length >= 4 && String.fromCharCode(chunk[0]!, chunk[1]!, chunk[2]!, chunk[3]!) === PARQUET_MAGIC;
}

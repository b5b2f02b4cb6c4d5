import "server-only";
import { randomBytes } from "node:crypto";

/** One field in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
export function copyField(value: string | null): string {
  if (value === null) return "\\N";
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/**
 * Ids that sort in the order they were made within one import (time, a per-import random part, then a
 * counter), so that prompts list in file order: all rows of one import share `created_at`.
 */
export function sequentialIds(): () => string {
  const time = Date.now().toString(16).padStart(12, "0").slice(-12);
  const random = randomBytes(3).toString("hex");
  let counter = 0;
  return () => {
    const tail = (counter++).toString(16).padStart(12, "0");
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-8${random.slice(3, 6)}-${tail}`;
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Postgres text and jsonb cannot hold U+0000 or half of a UTF-16 surrogate pair (a JSON file can spell
 * both as escapes); returns the path of the first such string so the record is refused by name.
 */
export function findUnstorableText(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return value.includes("\u0000") || LONE_SURROGATE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const found = findUnstorableText(key, path) ?? findUnstorableText(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; null is empty. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const field = (value: string | number | boolean | null | undefined) => {
    if (value === null || value === undefined) return "";
    const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
    // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it with a quote (OWASP CSV injection).
    const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

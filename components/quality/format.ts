/**
 * Number formats of the quality pages, through next-intl's formatter (getFormatter on the server,
 * useFormatter in a client component) so digits and percent signs follow the reader's language:
 * shares as percentages with one decimal, strengths with two decimals, `na` when absent.
 */
import type { useFormatter } from "next-intl";

type NumberFormatter = Pick<ReturnType<typeof useFormatter>, "number">;

export function qualityFormats(format: NumberFormatter, na: string, secondsText: (value: string) => string) {
  const absent = (value: number | null | undefined): value is null | undefined => value === null || value === undefined || Number.isNaN(value);
  const pct = (value: number | null | undefined) => (absent(value) ? na : format.number(value, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const num = (value: number | null | undefined, digits = 2) => (absent(value) ? na : format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const seconds = (ms: number | null | undefined) => (absent(ms) ? na : secondsText(format.number(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return { pct, num, seconds };
}

import type { SplitName } from "./split";

export type RowCounts = {
  rows: number;
  /** Prompts that gave at least one row: the sum of the splits' prompts. */
  promptsWithRows: number;
  /** Prompts the filters matched, rows or not (an export's manifest calls these `counts.prompts`). */
  promptsMatched: number;
  /** Matched prompts all of whose rows were dropped (ties, agreement, duplicates...): the "Dropped" column says why. */
  promptsWithoutRows: number;
};

/**
 * The figures the preview and the export page show beside the splits. The tally counts every prompt
 * the filters matched, but a split counts only the prompts that gave it rows, so "40 rows from 20
 * prompts" stood beside splits of 16 + 2 prompts: the headline now counts the prompts with rows (it
 * adds up with the splits) and says how many matched prompts gave none.
 */
export function rowCounts(tally: { rows: number; prompts: number; splits: Partial<Record<SplitName, { prompts: number; rows: number }>> }): RowCounts {
  const promptsWithRows = Object.values(tally.splits).reduce((sum, split) => sum + (split?.prompts ?? 0), 0);
  return { rows: tally.rows, promptsWithRows, promptsMatched: tally.prompts, promptsWithoutRows: Math.max(0, tally.prompts - promptsWithRows) };
}

/** Number formats of the quality pages: shares as percentages, strengths with two decimals; "n/a" when absent. */
export const pct = (value: number | null | undefined) => (value === null || value === undefined ? "n/a" : `${(value * 100).toFixed(1)}%`);
export const num = (value: number | null | undefined, digits = 2) => (value === null || value === undefined || Number.isNaN(value) ? "n/a" : value.toFixed(digits));
export const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? "n/a" : `${(ms / 1000).toFixed(1)} s`);

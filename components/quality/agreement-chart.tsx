"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Raw pairwise agreement per day (recharts). Colours come from the theme's CSS variables, so the chart
 * follows dark mode; the numbers are also in the table beside it (screen readers, tests).
 */
export function AgreementChart({ days, seriesName }: { days: { day: string; agreement: number | null; pairs: number }[]; seriesName: string }) {
  const data = days.map((day) => ({ day: day.day, agreement: day.agreement === null ? null : Math.round(day.agreement * 1000) / 10, pairs: day.pairs }));
  return (
    <div className="h-56 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="day" stroke="var(--muted-foreground)" fontSize={12} />
          <YAxis domain={[0, 100]} unit="%" stroke="var(--muted-foreground)" fontSize={12} />
          <Tooltip contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--foreground)" }} />
          <Line type="monotone" dataKey="agreement" name={seriesName} stroke="var(--accent-text)" strokeWidth={2} dot isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

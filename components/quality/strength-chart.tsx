"use client";

import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Bradley-Terry strengths with their 95% bootstrap intervals as error bars (recharts), following the
 * theme's CSS variables (dark mode). The numbers are in the table beside it.
 */
export function StrengthChart({ models, seriesName }: { models: { name: string; theta: number; low: number | null; high: number | null }[]; seriesName: string }) {
  const data = models.map((model) => ({
    name: model.name,
    theta: Math.round(model.theta * 1000) / 1000,
    interval: [model.low === null ? 0 : model.theta - model.low, model.high === null ? 0 : model.high - model.theta],
  }));
  return (
    <div className="w-full" style={{ height: Math.max(140, 40 * data.length + 40) }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis type="number" stroke="var(--muted-foreground)" fontSize={12} />
          <YAxis type="category" dataKey="name" width={180} stroke="var(--muted-foreground)" fontSize={12} />
          <Tooltip contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--foreground)" }} />
          <Bar dataKey="theta" name={seriesName} fill="var(--accent)" isAnimationActive={false}>
            <ErrorBar dataKey="interval" width={6} stroke="var(--foreground)" direction="x" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

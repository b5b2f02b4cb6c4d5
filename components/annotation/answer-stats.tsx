import { characterCount, estimateTokens } from "@/lib/annotation/text-stats";

export function AnswerStats({ text }: { text: string }) {
  return (
    <span className="text-xs text-muted-foreground tabular-nums">
      {characterCount(text).toLocaleString("en")} characters · ~{estimateTokens(text).toLocaleString("en")} tokens
    </span>
  );
}

import { useTranslations } from "next-intl";
import { memo } from "react";
import { characterCount, estimateTokens } from "@/lib/annotation/text-stats";

/** Memoised: counting a long answer's characters on every key would be wasted. */
export const AnswerStats = memo(function AnswerStats({ text }: { text: string }) {
  const t = useTranslations("workspace");
  return <span className="text-xs text-muted-foreground tabular-nums">{t("answerStats", { characters: characterCount(text), tokens: estimateTokens(text) })}</span>;
});

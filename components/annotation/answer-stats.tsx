import { useTranslations } from "next-intl";
import { characterCount, estimateTokens } from "@/lib/annotation/text-stats";

export function AnswerStats({ text }: { text: string }) {
  const t = useTranslations("workspace");
  return <span className="text-xs text-muted-foreground tabular-nums">{t("answerStats", { characters: characterCount(text), tokens: estimateTokens(text) })}</span>;
}

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

export type ScoreBadge = { verifier: string; passed: boolean | null; reason: string; extractedAnswer: string | null };

/** One badge per verifier: pass, fail or undecided, with the reason (and extracted answer) beside it. */
export function ScoreBadges({ scores }: { scores: ScoreBadge[] }) {
  const t = useTranslations("verifiers");
  if (scores.length === 0) return null;
  return (
    <ul className="mb-2 space-y-1 text-xs" aria-label={t("results")} data-testid="verifier-results">
      {scores.map((score) => (
        <li key={score.verifier} className="flex flex-wrap items-center gap-2">
          <Badge tone={score.passed === true ? "success" : score.passed === false ? "danger" : "warning"}>
            {score.verifier}: {score.passed === true ? t("pass") : score.passed === false ? t("fail") : t("undecided")}
          </Badge>
          <span className="text-muted-foreground">
            {score.reason}
            {score.extractedAnswer !== null ? t("answer", { answer: score.extractedAnswer }) : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

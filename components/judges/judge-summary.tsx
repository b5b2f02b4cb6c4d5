import { useTranslations } from "next-intl";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { isRunStatus } from "@/components/generation/run-status";
import type { JudgeSetSummary } from "@/lib/judges/contracts";


/**
 * What an admin reads before trusting a judge: runs, position consistency, agreement with people
 * (raw and Cohen's kappa; ties and order-inconsistent verdicts as the README states), grades.
 * Judge replies are model output: shown through the safe Markdown renderer only.
 */
export function JudgeSummaryView({ summary }: { summary: JudgeSetSummary }) {
  const t = useTranslations("judges");
  const tRun = useTranslations("generationRun");
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? t("notAvailable") : `${(value * 100).toFixed(1)}%`);
  const fixed = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? t("notAvailable") : value.toFixed(digits));
  const agreement = summary.agreement;
  const consistency = summary.consistency;
  return (
    <section className="space-y-3 rounded-md border border-border p-4" data-testid={`judge-summary-${summary.name}`} aria-label={t("summaryLabel", { name: summary.name })}>
      <h3 className="font-medium">
        {summary.name} <span className="text-sm text-muted-foreground">({t(`kindLabel.${summary.kind}`)}, {summary.model})</span>
      </h3>
      {consistency ? (
        <p className="text-sm" data-testid="judge-consistency">
          {t("consistency", {
            consistent: consistency.consistent,
            judged: consistency.judged,
            rate: percent(consistency.rate),
            inconsistent: consistency.inconsistent,
            first: consistency.favouredFirst,
            second: consistency.favouredSecond,
            unparseable: consistency.unparseable,
          })}
        </p>
      ) : null}
      {agreement ? (
        <p className="text-sm" data-testid="judge-agreement">
          {t("agreement", {
            items: agreement.items,
            raw: percent(agreement.rawAgreement),
            kappa: fixed(agreement.kappa?.kappa),
            rawWithoutTies: percent(agreement.withoutTies.rawAgreement),
            itemsWithoutTies: agreement.withoutTies.items,
          })}
          {agreement.unmatched > 0 ? ` ${t("unmatched", { unmatched: agreement.unmatched })}` : ""}
        </p>
      ) : null}
      {summary.grades.length > 0 ? (
        <table className="text-sm" data-testid="judge-grades">
          <thead>
            <tr>
              <th className="pr-4 text-left">{t("model")}</th>
              <th className="pr-4 text-right">{t("graded")}</th>
              <th className="pr-4 text-right">{t("meanRating")}</th>
              <th className="text-right">{t("unparseable")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.grades.map((grade) => (
              <tr key={grade.model}>
                <td className="pr-4">{grade.model}</td>
                <td className="pr-4 text-right">{grade.candidates}</td>
                <td className="pr-4 text-right">{fixed(grade.meanRating, 2)}</td>
                <td className="text-right">{grade.unparseable}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <table className="text-sm" data-testid="judge-runs">
        <thead>
          <tr>
            <th className="pr-4 text-left">{t("run")}</th>
            <th className="pr-4 text-left">{t("status")}</th>
            <th className="pr-4 text-right">{t("done")}</th>
            <th className="pr-4 text-right">{t("failed")}</th>
            <th className="pr-4 text-right">{t("tokens")}</th>
            <th className="text-right">{t("unparseable")}</th>
          </tr>
        </thead>
        <tbody>
          {summary.runs.map((run) => (
            <tr key={run.runId}>
              <td className="pr-4">{t("templateVersion", { version: run.templateVersion })}</td>
              <td className="pr-4">{isRunStatus(run.status) ? tRun(`status.${run.status}`) : run.status.toLowerCase()}</td>
              <td className="pr-4 text-right">
                {run.done} / {run.tasks}
              </td>
              <td className="pr-4 text-right">{run.failed}</td>
              <td className="pr-4 text-right">
                {run.promptTokens} / {run.completionTokens}
              </td>
              <td className="text-right">{run.unparseable}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {summary.unparseableSamples.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer">{t("unparseableReplies")}</summary>
          {summary.unparseableSamples.map((sample, index) => (
            <div key={index} className="mt-2 border-l-2 border-border pl-3">
              <p className="text-muted-foreground">{sample.reason}</p>
              <SafeMarkdown>{sample.raw}</SafeMarkdown>
            </div>
          ))}
        </details>
      ) : null}
    </section>
  );
}

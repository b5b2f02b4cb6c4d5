import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import type { JudgeSetSummary } from "@/lib/judges/contracts";
import { judgeKindLabels } from "@/lib/judges/templates";

const percent = (value: number | null | undefined) => (value === null || value === undefined ? "n/a" : `${(value * 100).toFixed(1)}%`);
const fixed = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? "n/a" : value.toFixed(digits));

/**
 * What an admin reads before trusting a judge: runs, position consistency, agreement with people
 * (raw and Cohen's kappa; ties and order-inconsistent verdicts as the README states), grades.
 * Judge replies are model output: shown through the safe Markdown renderer only.
 */
export function JudgeSummaryView({ summary }: { summary: JudgeSetSummary }) {
  const agreement = summary.agreement;
  const consistency = summary.consistency;
  return (
    <section className="space-y-3 rounded-md border border-border p-4" data-testid={`judge-summary-${summary.name}`} aria-label={`Judge ${summary.name}`}>
      <h3 className="font-medium">
        {summary.name} <span className="text-sm text-muted-foreground">({judgeKindLabels[summary.kind]}, {summary.model})</span>
      </h3>
      {consistency ? (
        <p className="text-sm" data-testid="judge-consistency">
          Position consistency: {consistency.consistent} of {consistency.judged} pairs ({percent(consistency.rate)}); inconsistent {consistency.inconsistent} (favoured the first answer{" "}
          {consistency.favouredFirst}, the second {consistency.favouredSecond}); unparseable {consistency.unparseable}.
        </p>
      ) : null}
      {agreement ? (
        <p className="text-sm" data-testid="judge-agreement">
          Agreement with annotators on {agreement.items} votes: raw {percent(agreement.rawAgreement)}, Cohen&apos;s kappa {fixed(agreement.kappa?.kappa)}; without ties{" "}
          {percent(agreement.withoutTies.rawAgreement)} on {agreement.withoutTies.items}. {agreement.unmatched > 0 ? `${agreement.unmatched} human votes have no judge verdict.` : ""}
        </p>
      ) : null}
      {summary.grades.length > 0 ? (
        <table className="text-sm" data-testid="judge-grades">
          <thead>
            <tr>
              <th className="pr-4 text-left">Model</th>
              <th className="pr-4 text-right">Graded</th>
              <th className="pr-4 text-right">Mean rating</th>
              <th className="text-right">Unparseable</th>
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
            <th className="pr-4 text-left">Run</th>
            <th className="pr-4 text-left">Status</th>
            <th className="pr-4 text-right">Done</th>
            <th className="pr-4 text-right">Failed</th>
            <th className="pr-4 text-right">Tokens (prompt / completion)</th>
            <th className="text-right">Unparseable</th>
          </tr>
        </thead>
        <tbody>
          {summary.runs.map((run) => (
            <tr key={run.runId}>
              <td className="pr-4">template v{run.templateVersion}</td>
              <td className="pr-4">{run.status.toLowerCase()}</td>
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
          <summary className="cursor-pointer">Unparseable replies (raw)</summary>
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

import { useFormatter, useTranslations } from "next-intl";
import { rowCounts } from "@/lib/export/row-counts";
import type { Messages } from "@/lib/i18n/catalogues";
import type { ExportPreviewData } from "./export-action-state";

type DropReasonKey = keyof Messages["exports"]["dropReason"];

/** Counts per split, drops with reasons, and the statistics that decide whether a DPO run works. */
export function ExportStats({ data }: { data: Pick<ExportPreviewData, "splits" | "dropped" | "skipped" | "stats"> & { rows: number; prompts: number } }) {
  const t = useTranslations("exports.stats");
  const tReason = useTranslations("exports.dropReason");
  // A reason this catalogue does not know (a newer server) shows as its code.
  const reasonText = (reason: string) => (tReason.has(reason as DropReasonKey) ? tReason(reason as DropReasonKey) : reason);
  const format = useFormatter();
  const percent = (value: number | null) => (value === null ? "–" : format.number(value, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const decimal = (value: number | null) => (value === null ? "–" : format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const drops = Object.entries({ ...data.dropped, ...data.skipped }).filter(([, count]) => count > 0);
  const counts = rowCounts(data);
  const { agreement, length, position, pairsPerPrompt } = data.stats;
  return (
    <div className="grid gap-4 text-sm sm:grid-cols-3" data-testid="export-stats">
      <dl className="space-y-1">
        <dt className="font-medium">{t("rows")}</dt>
        <dd data-testid="export-rows">{t("rowsFrom", { rows: counts.rows, prompts: counts.promptsWithRows })}</dd>
        {counts.promptsWithoutRows > 0 ? (
          <dd data-testid="export-prompts-without-rows" className="text-muted-foreground">
            {t("withoutRows", { matched: counts.promptsMatched, without: counts.promptsWithoutRows })}
          </dd>
        ) : null}
        {Object.entries(data.splits)
          .filter(([, split]) => split.rows > 0)
          .map(([name, split]) => (
            <dd key={name} data-testid={`export-split-${name}`}>
              {t("split", { name, rows: split.rows, prompts: split.prompts })}
            </dd>
          ))}
      </dl>
      <dl className="space-y-1">
        <dt className="font-medium">{t("dropped")}</dt>
        {drops.length === 0 ? <dd>{t("nothing")}</dd> : drops.map(([reason, count]) => <dd key={reason}>{t("dropCount", { reason: reasonText(reason), count })}</dd>)}
      </dl>
      <dl className="space-y-1">
        <dt className="font-medium">{t("statistics")}</dt>
        <dd>{t("agreement", { share: percent(agreement.pairwiseAgreement), items: agreement.items })}</dd>
        <dd>{t("length", { chosen: decimal(length.meanChosenLength), rejected: decimal(length.meanRejectedLength), share: percent(length.chosenLongerShare) })}</dd>
        <dd>{t("position", { share: percent(position.leftWinShare), expected: percent(position.expectedLeftWinShare) })}</dd>
        <dd>{t("pairsPerPrompt", { mean: decimal(pairsPerPrompt.meanPairs), max: pairsPerPrompt.maxPairs })}</dd>
      </dl>
    </div>
  );
}

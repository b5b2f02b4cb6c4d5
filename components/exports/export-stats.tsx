import type { ExportPreviewData } from "./export-action-state";

const percent = (value: number | null) => (value === null ? "–" : `${(value * 100).toFixed(1)}%`);
const decimal = (value: number | null) => (value === null ? "–" : value.toFixed(1));

/** Counts per split, drops with reasons, and the statistics that decide whether a DPO run works. */
export function ExportStats({ data }: { data: Pick<ExportPreviewData, "splits" | "dropped" | "skipped" | "stats"> & { rows: number; prompts: number } }) {
  const drops = Object.entries({ ...data.dropped, ...data.skipped }).filter(([, count]) => count > 0);
  const { agreement, length, position, pairsPerPrompt } = data.stats;
  return (
    <div className="grid gap-4 text-sm sm:grid-cols-3" data-testid="export-stats">
      <dl className="space-y-1">
        <dt className="font-medium">Rows</dt>
        <dd data-testid="export-rows">
          {data.rows} from {data.prompts} prompts
        </dd>
        {Object.entries(data.splits)
          .filter(([, split]) => split.rows > 0)
          .map(([name, split]) => (
            <dd key={name}>
              {name}: {split.rows} rows, {split.prompts} prompts
            </dd>
          ))}
      </dl>
      <dl className="space-y-1">
        <dt className="font-medium">Dropped</dt>
        {drops.length === 0 ? <dd>nothing</dd> : drops.map(([reason, count]) => <dd key={reason}>{reason}: {count}</dd>)}
      </dl>
      <dl className="space-y-1">
        <dt className="font-medium">Statistics</dt>
        <dd>Annotator agreement: {percent(agreement.pairwiseAgreement)} over {agreement.items} pairs</dd>
        <dd>
          Mean length chosen / rejected: {decimal(length.meanChosenLength)} / {decimal(length.meanRejectedLength)} (chosen longer {percent(length.chosenLongerShare)})
        </dd>
        <dd>
          Left-position wins: {percent(position.leftWinShare)} (chance {percent(position.expectedLeftWinShare)})
        </dd>
        <dd>
          Pairs per prompt: {decimal(pairsPerPrompt.meanPairs)} mean, {pairsPerPrompt.maxPairs} max
        </dd>
      </dl>
    </div>
  );
}

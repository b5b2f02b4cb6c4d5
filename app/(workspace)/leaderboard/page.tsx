import type { Metadata } from "next";
import { num, pct } from "@/components/quality/format";
import { StrengthChart } from "@/components/quality/strength-chart";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { canViewQuality } from "@/lib/authz/permissions";
import type { BoardView } from "@/lib/quality/contracts";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { listPromptSets } from "@/server/services/prompt-sets/list-prompt-sets";
import { getLeaderboard } from "@/server/services/quality/get-leaderboard";

export const metadata: Metadata = { title: "Leaderboard" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const sourceTitle = (source: string) => (source === "HUMAN" ? "Human judgments" : source === "IMPORTED" ? "Labels imported with the files" : `Model judge: ${source}`);

function Board({ board }: { board: BoardView }) {
  const names = new Map(board.models.map((model) => [model.key, model.name]));
  return (
    <Card data-testid={`board-${board.source}`}>
      <CardTitle>{sourceTitle(board.source)}</CardTitle>
      <CardDescription>
        {board.comparisons} comparisons on {board.prompts} prompts.
      </CardDescription>
      <div className="mt-4 space-y-4">
        <StrengthChart models={board.models} />
        <Table caption={`${sourceTitle(board.source)}: strengths`}>
          <TableHead>
            <TableRow>
              <TableHeaderCell>#</TableHeaderCell>
              <TableHeaderCell>Model</TableHeaderCell>
              <TableHeaderCell>Strength (theta)</TableHeaderCell>
              <TableHeaderCell>95% interval</TableHeaderCell>
              <TableHeaderCell>Comparisons</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {board.models.map((model, index) => (
              <TableRow key={model.key} data-testid="model-row">
                <TableCell className="tabular-nums">{index + 1}</TableCell>
                <TableCell>
                  <span className="font-medium">{model.name}</span>
                  {model.label && model.model ? <span className="block text-xs text-muted-foreground">{model.model}</span> : null}
                </TableCell>
                <TableCell className="tabular-nums" data-testid="theta">{num(model.theta)}</TableCell>
                <TableCell className="tabular-nums" data-testid="interval">
                  [{num(model.low)}, {num(model.high)}]
                </TableCell>
                <TableCell className="tabular-nums">{model.comparisons}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Table caption={`${sourceTitle(board.source)}: win rate of the row against the column (ties as half), with comparisons`} captionVisible>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Row beats column</TableHeaderCell>
              {board.models.map((model) => (
                <TableHeaderCell key={model.key}>{model.name}</TableHeaderCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {board.models.map((row) => (
              <TableRow key={row.key}>
                <TableHeaderCell scope="row" className="normal-case">{names.get(row.key)}</TableHeaderCell>
                {board.models.map((column) => {
                  const cell = board.winRates.find((c) => c.a === row.key && c.b === column.key);
                  return (
                    <TableCell key={column.key} className="tabular-nums">
                      {row.key === column.key ? "" : cell ? `${pct(cell.winRate)} (${cell.comparisons})` : "not compared"}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </Card>
  );
}

export default async function LeaderboardPage({ searchParams }: Props) {
  const actor = await requirePagePermission(canViewQuality);
  const query = await searchParams;
  const text = (name: string) => (typeof query[name] === "string" && query[name] !== "" ? (query[name] as string) : undefined);
  const [sets, board] = await Promise.all([
    listPromptSets({ actor }),
    loadOrNotFound(getLeaderboard({ actor, query: { promptSetId: text("promptSetId"), compareA: text("compareA"), compareB: text("compareB") } })),
  ]);
  const allModels = [...new Map(board.boards.flatMap((b) => b.models.map((m) => [m.key, m.name] as const))).entries()];
  const csvBase = `/api/leaderboard?${new URLSearchParams(Object.entries({ promptSetId: text("promptSetId"), compareA: text("compareA"), compareB: text("compareB") }).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`;
  const csv = (table: string) => `${csvBase}${csvBase.endsWith("?") ? "" : "&"}csv=${table}`;
  return (
    <>
      <PageHeader title="Leaderboard" description={board.scope.promptSetName ? `Prompt set: ${board.scope.promptSetName}` : "Across every prompt set"} />
      <div className="space-y-8">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Scope">
          <label className="text-sm">
            <span className="mb-1 block font-medium">Prompt set</span>
            <Select name="promptSetId" defaultValue={text("promptSetId") ?? ""}>
              <option value="">Every set</option>
              {sets.map((set) => (
                <option key={set.id} value={set.id}>
                  {set.name}
                </option>
              ))}
            </Select>
          </label>
          <Button type="submit">Show</Button>
          <span className="flex gap-3 text-sm">
            <a href={csv("strengths")} className="underline underline-offset-2">Strengths CSV</a>
            <a href={csv("win-rates")} className="underline underline-offset-2">Win rates CSV</a>
            <a href={csv("categories")} className="underline underline-offset-2">Categories CSV</a>
          </span>
        </form>
        <p className="text-sm text-muted-foreground">{board.method} {board.resamples} resamples, seed {board.seed}; computed in {board.computeMs} ms.</p>

        {board.boards.length === 0 ? <p className="text-sm text-muted-foreground">No judgment compares two models yet.</p> : null}
        <div className={board.boards.length > 1 ? "grid gap-6 xl:grid-cols-2" : "space-y-6"}>
          {board.boards.map((b) => (
            <Board key={b.source} board={b} />
          ))}
        </div>
        <Card>
          <CardTitle>Model judges and verifiers</CardTitle>
          <p className="mt-2 text-sm" data-testid="judges-note">{board.judges.note}</p>
          <p className="mt-1 text-sm" data-testid="verifiers-note">{board.verifiers.note}</p>
        </Card>

        {board.categories.length ? (
          <Card>
            <CardTitle>By category (prompt metadata &quot;category&quot;, human judgments)</CardTitle>
            <div className="mt-4">
              <Table caption="Score by category: wins plus half the ties over comparisons, with a Wilson 95% interval">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Category</TableHeaderCell>
                    <TableHeaderCell>Model</TableHeaderCell>
                    <TableHeaderCell>Score</TableHeaderCell>
                    <TableHeaderCell>95% interval</TableHeaderCell>
                    <TableHeaderCell>Comparisons</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {board.categories.map((row) => (
                    <TableRow key={`${row.category}|${row.model}`}>
                      <TableCell>{row.category}</TableCell>
                      <TableCell>{row.name}</TableCell>
                      <TableCell className="tabular-nums">{pct(row.score)}</TableCell>
                      <TableCell className="tabular-nums">[{pct(row.low)}, {pct(row.high)}]</TableCell>
                      <TableCell className="tabular-nums">{row.comparisons}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          </Card>
        ) : null}

        <Card>
          <CardTitle>Compare two models across every prompt set</CardTitle>
          <CardDescription>For each set (and each source of verdicts) where both were judged: the strength difference and the head-to-head win rate, with 95% intervals.</CardDescription>
          <form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label="Compare two models">
            {text("promptSetId") ? <input type="hidden" name="promptSetId" value={text("promptSetId")} /> : null}
            {(["compareA", "compareB"] as const).map((name, index) => (
              <label key={name} className="text-sm">
                <span className="mb-1 block font-medium">Model {index === 0 ? "A (e.g. tuned)" : "B (e.g. base)"}</span>
                <Select name={name} defaultValue={text(name) ?? ""}>
                  <option value="">Choose</option>
                  {allModels.map(([key, name]) => (
                    <option key={key} value={key}>
                      {name}
                    </option>
                  ))}
                </Select>
              </label>
            ))}
            <Button type="submit">Compare</Button>
          </form>
          {board.compare ? (
            <div className="mt-4 space-y-2">
              <a href={csv("compare")} className="text-sm underline underline-offset-2">Comparison CSV</a>
              <Table caption="Model A against model B per prompt set">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Prompt set</TableHeaderCell>
                    <TableHeaderCell>Verdicts</TableHeaderCell>
                    <TableHeaderCell>Metric</TableHeaderCell>
                    <TableHeaderCell>Value</TableHeaderCell>
                    <TableHeaderCell>95% interval</TableHeaderCell>
                    <TableHeaderCell>Comparisons</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {board.compare.rows.map((row) => (
                    <TableRow key={`${row.promptSetId}|${row.source}|${row.metric}`}>
                      <TableCell>{row.promptSetName}</TableCell>
                      <TableCell>{row.source}</TableCell>
                      <TableCell>{row.metric}</TableCell>
                      <TableCell className="tabular-nums">{row.metric.startsWith("head") ? pct(row.value) : num(row.value)}</TableCell>
                      <TableCell className="tabular-nums">{row.metric.startsWith("head") ? `[${pct(row.low)}, ${pct(row.high)}]` : `[${num(row.low)}, ${num(row.high)}]`}</TableCell>
                      <TableCell className="tabular-nums">{row.comparisons}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {board.compare.rows.length === 0 ? <p className="text-sm text-muted-foreground">No prompt set has judgments of both models.</p> : null}
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}

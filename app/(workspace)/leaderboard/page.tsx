import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { qualityFormats } from "@/components/quality/format";
import { StrengthChart } from "@/components/quality/strength-chart";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { canViewQuality } from "@/lib/authz/permissions";
import type { BoardView, DerivedName, LeaderboardView, ModelComparisonRow } from "@/lib/quality/contracts";
import { modelRowName } from "@/lib/quality/model-name";
import { ALL_INSTRUCTIONS } from "@/lib/quality/verifier-rates";
import { candidateSources, type CandidateSource } from "@/lib/vocabulary";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { listPromptSets } from "@/server/services/prompt-sets/list-prompt-sets";
import { getLeaderboard } from "@/server/services/quality/get-leaderboard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("leaderboard"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
type T = Awaited<ReturnType<typeof getTranslations<"leaderboard">>>;
type Formats = ReturnType<typeof qualityFormats>;
/** A row's name in the reader's language (a made-up name worded by the catalogue, a model's own as it is). */
type NameOf = (row: { name: string; derived: DerivedName | null }) => string;

const sourceTitle = (t: T, source: string) =>
  source === "HUMAN" ? t("sourceHuman") : source === "IMPORTED" ? t("sourceImported") : source === "VERIFIER" ? t("sourceVerifier") : t("sourceJudge", { source });

const PASS_RATE_PREFIX = "pass rate difference (A - B): ";

/** A comparison row's metric in the reader's language; a share for head-to-head and pass-rate rows, a strength otherwise. */
function metricText(t: T, metric: ModelComparisonRow["metric"]) {
  if (metric.startsWith(PASS_RATE_PREFIX)) {
    const check = metric.slice(PASS_RATE_PREFIX.length);
    return { label: t("metricPassRate", { check: check === ALL_INSTRUCTIONS ? t("allInstructions") : check }), share: true };
  }
  return metric.startsWith("head") ? { label: t("metricHeadToHead"), share: true } : { label: t("metricStrength"), share: false };
}

function Board({ board, t, f, nameOf }: { board: BoardView; t: T; f: Formats; nameOf: NameOf }) {
  const names = new Map(board.models.map((model) => [model.key, nameOf(model)]));
  const models = board.models.map((model) => ({ ...model, name: nameOf(model) }));
  const title = sourceTitle(t, board.source);
  return (
    <Card data-testid={`board-${board.source}`}>
      <CardTitle>{title}</CardTitle>
      <CardDescription>{t("boardDescription", { comparisons: board.comparisons, prompts: board.prompts })}</CardDescription>
      <div className="mt-4 space-y-4">
        <StrengthChart models={models} seriesName={t("strength")} />
        <Table caption={t("strengthsCaption", { source: title })}>
          <TableHead>
            <TableRow>
              <TableHeaderCell>{t("rank")}</TableHeaderCell>
              <TableHeaderCell>{t("model")}</TableHeaderCell>
              <TableHeaderCell>{t("strength")}</TableHeaderCell>
              <TableHeaderCell>{t("interval")}</TableHeaderCell>
              <TableHeaderCell>{t("comparisons")}</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {models.map((model, index) => (
              <TableRow key={model.key} data-testid="model-row">
                <TableCell className="tabular-nums">{index + 1}</TableCell>
                <TableCell>
                  <span className="font-medium">{model.name}</span>
                  {model.label && model.model ? <span className="block text-xs text-muted-foreground">{model.model}</span> : null}
                </TableCell>
                <TableCell className="tabular-nums" data-testid="theta">{f.num(model.theta)}</TableCell>
                <TableCell className="tabular-nums" data-testid="interval">
                  {t("intervalValue", { low: f.num(model.low), high: f.num(model.high) })}
                </TableCell>
                <TableCell className="tabular-nums">{f.num(model.comparisons, 0)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Table caption={t("winRateCaption", { source: title })} captionVisible>
          <TableHead>
            <TableRow>
              <TableHeaderCell>{t("rowBeatsColumn")}</TableHeaderCell>
              {models.map((model) => (
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
                      {row.key === column.key ? "" : cell ? t("winCell", { rate: f.pct(cell.winRate), comparisons: f.num(cell.comparisons, 0) }) : t("notCompared")}
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

/** Verifier pass rates per model: answer checks, instruction checks and "every instruction check", each with its Wilson interval. */
function PassRates({ verifiers, t, f, nameOf }: { verifiers: LeaderboardView["verifiers"]; t: T; f: Formats; nameOf: NameOf }) {
  const kind = { answer: t("kindAnswer"), instruction: t("kindInstruction"), "all-instructions": t("kindAll") } as const;
  return (
    <Card data-testid="pass-rates">
      <CardTitle>{t("passRatesTitle")}</CardTitle>
      <CardDescription>{t("passRatesDescription")}</CardDescription>
      {verifiers.passRates.length ? (
        <div className="mt-4">
          <Table caption={t("passRatesCaption")}>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("model")}</TableHeaderCell>
                <TableHeaderCell>{t("check")}</TableHeaderCell>
                <TableHeaderCell>{t("kind")}</TableHeaderCell>
                <TableHeaderCell>{t("passRate")}</TableHeaderCell>
                <TableHeaderCell>{t("interval")}</TableHeaderCell>
                <TableHeaderCell>{t("passed")}</TableHeaderCell>
                <TableHeaderCell>{t("undecided")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {verifiers.passRates.map((row) => (
                <TableRow key={`${row.model}|${row.verifier}`} data-testid="pass-rate-row">
                  <TableCell className="font-medium">{nameOf(row)}</TableCell>
                  <TableCell>{row.kind === "all-instructions" ? t("allInstructions") : row.verifier}</TableCell>
                  <TableCell>{kind[row.kind]}</TableCell>
                  <TableCell className="tabular-nums" data-testid="pass-rate">{f.pct(row.rate)}</TableCell>
                  <TableCell className="tabular-nums" data-testid="pass-rate-interval">{t("intervalValue", { low: f.pct(row.low), high: f.pct(row.high) })}</TableCell>
                  <TableCell className="tabular-nums">{t("passedValue", { passed: f.num(row.passed, 0), decided: f.num(row.total - row.undecided, 0) })}</TableCell>
                  <TableCell className="tabular-nums">{f.num(row.undecided, 0)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : (
        <p className="mt-3 text-sm text-muted-foreground">{t("noPassRates")}</p>
      )}
    </Card>
  );
}

export default async function LeaderboardPage({ searchParams }: Props) {
  const actor = await requirePagePermission(canViewQuality);
  const query = await searchParams;
  const text = (name: string) => (typeof query[name] === "string" && query[name].trim() !== "" ? (query[name] as string) : undefined);
  const scope = { promptSetId: text("promptSetId"), compareA: text("compareA"), compareB: text("compareB"), categoryKey: text("categoryKey") };
  const [sets, board, t, formatter] = await Promise.all([listPromptSets({ actor }), loadOrNotFound(getLeaderboard({ actor, query: scope })), getTranslations("leaderboard"), getFormatter()]);
  const tq = await getTranslations("quality");
  const f = qualityFormats(formatter, tq("na"), (value) => tq("seconds", { value }));
  const tv = await getTranslations("vocabulary");
  const sourceLabel = (source: string) => ((candidateSources as readonly string[]).includes(source) ? tv(`candidateSource.${source as CandidateSource}`) : source.toLowerCase());
  const nameOf: NameOf = (row) => modelRowName(row, (key, params) => t(key, params), sourceLabel);
  const allModels = [...new Map(board.boards.flatMap((b) => b.models.map((m) => [m.key, nameOf(m)] as const))).entries()];
  const csvBase = `/api/leaderboard?${new URLSearchParams(Object.entries(scope).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`;
  const csv = (table: string) => `${csvBase}${csvBase.endsWith("?") ? "" : "&"}csv=${table}`;
  return (
    <>
      <PageHeader title={t("title")} description={board.scope.promptSetName ? t("scopeSet", { name: board.scope.promptSetName }) : t("scopeAll")} />
      <div className="space-y-8">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("scopeForm")}>
          <label className="text-sm">
            <span className="mb-1 block font-medium">{t("promptSet")}</span>
            <Select name="promptSetId" defaultValue={text("promptSetId") ?? ""}>
              <option value="">{t("everySet")}</option>
              {sets.map((set) => (
                <option key={set.id} value={set.id}>
                  {set.name}
                </option>
              ))}
            </Select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium">{t("categoryKey")}</span>
            <Input name="categoryKey" defaultValue={board.categoryKey} maxLength={100} className="w-44" />
          </label>
          {scope.compareA ? <input type="hidden" name="compareA" value={scope.compareA} /> : null}
          {scope.compareB ? <input type="hidden" name="compareB" value={scope.compareB} /> : null}
          <Button type="submit">{t("show")}</Button>
          <span className="flex flex-wrap gap-3 text-sm">
            <a href={csv("strengths")} className="underline underline-offset-2">{t("strengthsCsv")}</a>
            <a href={csv("win-rates")} className="underline underline-offset-2">{t("winRatesCsv")}</a>
            <a href={csv("categories")} className="underline underline-offset-2">{t("categoriesCsv")}</a>
            <a href={csv("pass-rates")} className="underline underline-offset-2">{t("passRatesCsv")}</a>
          </span>
        </form>
        <p className="text-sm text-muted-foreground" title={t("methodDetail")}>
          {t("method", { resamples: board.resamples, seed: board.seed, ms: board.computeMs })}
        </p>

        {board.boards.length === 0 ? <p className="text-sm text-muted-foreground">{t("noBoards")}</p> : null}
        <div className={board.boards.length > 1 ? "grid gap-6 xl:grid-cols-2" : "space-y-6"}>
          {board.boards.map((b) => (
            <Board key={b.source} board={b} t={t} f={f} nameOf={nameOf} />
          ))}
        </div>

        <PassRates verifiers={board.verifiers} t={t} f={f} nameOf={nameOf} />

        <Card>
          <CardTitle>{t("judgesTitle")}</CardTitle>
          <p className="mt-2 text-sm" data-testid="judges-note">
            {board.judges.available ? t("judgesAvailable", { sources: board.judges.sources.join(", ") }) : t("judgesUnavailable")}
          </p>
        </Card>

        <Card data-testid="categories">
          <CardTitle>{t("categoriesTitle", { key: board.categoryKey })}</CardTitle>
          {board.categories.length ? (
            <div className="mt-4">
              <Table caption={t("categoriesCaption")}>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t("category")}</TableHeaderCell>
                    <TableHeaderCell>{t("model")}</TableHeaderCell>
                    <TableHeaderCell>{t("score")}</TableHeaderCell>
                    <TableHeaderCell>{t("interval")}</TableHeaderCell>
                    <TableHeaderCell>{t("comparisons")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {board.categories.map((row) => (
                    <TableRow key={`${row.category}|${row.model}`} data-testid="category-row">
                      <TableCell>{row.category}</TableCell>
                      <TableCell>{nameOf(row)}</TableCell>
                      <TableCell className="tabular-nums">{f.pct(row.score)}</TableCell>
                      <TableCell className="tabular-nums">{t("intervalValue", { low: f.pct(row.low), high: f.pct(row.high) })}</TableCell>
                      <TableCell className="tabular-nums">{f.num(row.comparisons, 0)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : (
            <p className="mt-3 text-sm text-muted-foreground">{t("noCategories", { key: board.categoryKey })}</p>
          )}
        </Card>

        <Card>
          <CardTitle>{t("compareTitle")}</CardTitle>
          <CardDescription>{t("compareDescription")}</CardDescription>
          <form method="get" className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("compareForm")}>
            {scope.promptSetId ? <input type="hidden" name="promptSetId" value={scope.promptSetId} /> : null}
            {scope.categoryKey ? <input type="hidden" name="categoryKey" value={scope.categoryKey} /> : null}
            {(["compareA", "compareB"] as const).map((name, index) => (
              <label key={name} className="text-sm">
                <span className="mb-1 block font-medium">{index === 0 ? t("modelA") : t("modelB")}</span>
                <Select name={name} defaultValue={text(name) ?? ""}>
                  <option value="">{t("choose")}</option>
                  {allModels.map(([key, name]) => (
                    <option key={key} value={key}>
                      {name}
                    </option>
                  ))}
                </Select>
              </label>
            ))}
            <Button type="submit">{t("compare")}</Button>
          </form>
          {board.compare ? (
            <div className="mt-4 space-y-2">
              <a href={csv("compare")} className="text-sm underline underline-offset-2">{t("compareCsv")}</a>
              <Table caption={t("compareCaption")}>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t("promptSet")}</TableHeaderCell>
                    <TableHeaderCell>{t("verdicts")}</TableHeaderCell>
                    <TableHeaderCell>{t("metric")}</TableHeaderCell>
                    <TableHeaderCell>{t("value")}</TableHeaderCell>
                    <TableHeaderCell>{t("interval")}</TableHeaderCell>
                    <TableHeaderCell>{t("comparisons")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {board.compare.rows.map((row) => {
                    const metric = metricText(t, row.metric);
                    const value = metric.share ? f.pct : f.num;
                    return (
                      <TableRow key={`${row.promptSetId}|${row.source}|${row.metric}`} data-testid="compare-row">
                        <TableCell>{row.promptSetName}</TableCell>
                        <TableCell>{sourceTitle(t, row.source)}</TableCell>
                        <TableCell>{metric.label}</TableCell>
                        <TableCell className="tabular-nums">{value(row.value)}</TableCell>
                        <TableCell className="tabular-nums">{t("intervalValue", { low: value(row.low), high: value(row.high) })}</TableCell>
                        <TableCell className="tabular-nums">{f.num(row.comparisons, 0)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              {board.compare.rows.length === 0 ? <p className="text-sm text-muted-foreground">{t("noCompareRows")}</p> : null}
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}

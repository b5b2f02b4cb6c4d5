import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AgreementChart } from "@/components/quality/agreement-chart";
import { AnnotatorsTable } from "@/components/quality/annotators-table";
import { qualityFormats } from "@/components/quality/format";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { canManagePromptSets, canViewQuality } from "@/lib/authz/permissions";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { getSetQuality } from "@/server/services/quality/get-set-quality";
import { unpauseMemberAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("quality"))("metaTitle") };
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail: string; testId: string }) {
  return (
    <div className="rounded-lg border border-border bg-surface p-4" data-testid={testId}>
      <p className="text-xs tracking-wide text-muted-foreground uppercase">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      <p className="text-xs text-muted-foreground">{detail}</p>
    </div>
  );
}

export default async function QualityPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission(canViewQuality);
  const { id } = await params;
  const quality = await loadOrNotFound(getSetQuality({ actor, promptSetId: id }));
  const a = quality.agreement;
  const csv = (table: string) => `/api/prompt-sets/${id}/quality?csv=${table}`;
  const isAdmin = canManagePromptSets(actor);
  const t = await getTranslations("quality");
  const { num, pct } = qualityFormats(await getFormatter(), t("na"), (value) => t("seconds", { value }));
  return (
    <>
      <PageHeader
        title={t("title", { name: quality.promptSet.name })}
        description={t("description", { judgments: quality.judgments, gold: quality.goldPrompts, ms: quality.computeMs })}
        actions={
          <>
            <Link href={`/leaderboard?promptSetId=${id}`} className="text-sm underline underline-offset-2">
              {t("leaderboardLink")}
            </Link>
            <Link href={`/prompt-sets/${id}`} className="text-sm underline underline-offset-2">
              {t("backToSet")}
            </Link>
          </>
        }
      />
      <div className="space-y-8">
        <section aria-label={t("agreementSection")} className="grid gap-4 sm:grid-cols-3">
          <Stat
            testId="alpha"
            label={t("alphaLabel", { metric: a.alpha.metric === "ordinal" ? t("metricOrdinal") : t("metricNominal") })}
            value={num(a.alpha.alpha, 3)}
            detail={t("alphaDetail", { units: a.alpha.units, values: a.alpha.values })}
          />
          <Stat testId="pairwise-agreement" label={t("pairwiseLabel")} value={pct(a.pairwise.agreement)} detail={t("pairwiseDetail", { agreeing: a.pairwise.agreeingPairs, pairs: a.pairwise.pairs, units: a.pairwise.units })} />
          <Stat testId="majority-share" label={t("majorityLabel")} value={pct(a.majorityShare)} detail={t("majorityDetail", { items: a.majorityItems })} />
        </section>

        <Card>
          <CardTitle>{t("overTimeTitle")}</CardTitle>
          <CardDescription>{t("overTimeDescription")}</CardDescription>
          {quality.overTime.length ? (
            <div className="mt-4 grid gap-4 lg:grid-cols-[2fr_1fr]">
              <AgreementChart days={quality.overTime} seriesName={t("chartSeries")} />
              <Table caption={t("perDayCaption")}>
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t("day")}</TableHeaderCell>
                    <TableHeaderCell>{t("agreement")}</TableHeaderCell>
                    <TableHeaderCell>{t("pairs")}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {quality.overTime.map((day) => (
                    <TableRow key={day.day}>
                      <TableCell>{day.day}</TableCell>
                      <TableCell className="tabular-nums">{pct(day.agreement)}</TableCell>
                      <TableCell className="tabular-nums">{num(day.pairs, 0)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : (
            <p className="mt-3 text-sm text-muted-foreground">{t("noPairs")}</p>
          )}
        </Card>

        <section aria-label={t("annotatorsTitle")} className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold">{t("annotatorsTitle")}</h2>
            <span className="flex gap-3 text-sm">
              <a href={csv("annotators")} className="underline underline-offset-2">{t("annotatorsCsv")}</a>
              <a href={csv("agreement")} className="underline underline-offset-2">{t("agreementCsv")}</a>
              <a href={csv("over-time")} className="underline underline-offset-2">{t("perDayCsv")}</a>
            </span>
          </div>
          <p className="text-sm text-muted-foreground">
            {t("goldRule", { accuracy: pct(quality.settings.goldMinAccuracy), items: quality.settings.goldMinItems, pause: quality.settings.goldPause ? "yes" : "no" })}{" "}
            {t("outlierRules", { rules: quality.outlierRules.map((rule) => t(`outlierRule.${rule}`)).join("; ") })}
          </p>
          {quality.annotators.length ? (
            <AnnotatorsTable rows={quality.annotators} promptSetId={id} unpauseAction={isAdmin ? unpauseMemberAction : undefined} />
          ) : (
            <p className="text-sm text-muted-foreground">{t("noAnnotators")}</p>
          )}
        </section>

        <section aria-label={t("disagreementsTitle")} className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold">{t("disagreementsTitle")}</h2>
            <a href={csv("disagreements")} className="text-sm underline underline-offset-2">{t("disagreementsCsv")}</a>
          </div>
          {quality.disagreements.length ? (
            <Table caption={t("disagreementsCaption")}>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("prompt")}</TableHeaderCell>
                  <TableHeaderCell>{t("judgments")}</TableHeaderCell>
                  <TableHeaderCell>{t("majorityShare")}</TableHeaderCell>
                  <TableHeaderCell>{t("distinctVerdicts")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {quality.disagreements.map((row) => (
                  <TableRow key={row.promptId} data-testid="disagreement-row">
                    <TableCell>
                      {isAdmin ? (
                        <Link href={`/review/prompts/${row.promptId}`} className="text-accent-text hover:underline">
                          {t("review", { id: row.promptId.slice(0, 8) })}
                        </Link>
                      ) : (
                        row.promptId.slice(0, 8)
                      )}
                    </TableCell>
                    <TableCell className="tabular-nums">{row.judgments}</TableCell>
                    <TableCell className="tabular-nums">{pct(row.majorityShare)}</TableCell>
                    <TableCell className="tabular-nums">{row.distinctVerdicts}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : (
            <p className="text-sm text-muted-foreground">{t("noDisagreements")}</p>
          )}
        </section>
      </div>
    </>
  );
}

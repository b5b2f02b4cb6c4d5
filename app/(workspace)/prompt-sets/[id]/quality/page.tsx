import type { Metadata } from "next";
import Link from "next/link";
import { AgreementChart } from "@/components/quality/agreement-chart";
import { AnnotatorsTable } from "@/components/quality/annotators-table";
import { num, pct } from "@/components/quality/format";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { canManagePromptSets, canViewQuality } from "@/lib/authz/permissions";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { getSetQuality } from "@/server/services/quality/get-set-quality";
import { unpauseMemberAction } from "./actions";

export const metadata: Metadata = { title: "Quality" };

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
  return (
    <>
      <PageHeader
        title={`Quality: ${quality.promptSet.name}`}
        description={`${quality.judgments} annotator judgments; ${quality.goldPrompts} gold prompts; computed in ${quality.computeMs} ms.`}
        actions={
          <>
            <Link href={`/leaderboard?promptSetId=${id}`} className="text-sm underline underline-offset-2">
              Leaderboard
            </Link>
            <Link href={`/prompt-sets/${id}`} className="text-sm underline underline-offset-2">
              Back to the set
            </Link>
          </>
        }
      />
      <div className="space-y-8">
        <section aria-label="Agreement" className="grid gap-4 sm:grid-cols-3">
          <Stat
            testId="alpha"
            label={`Krippendorff's alpha (${a.alpha.metric})`}
            value={num(a.alpha.alpha, 3)}
            detail={`${a.alpha.units} items, ${a.alpha.values} values`}
          />
          <Stat testId="pairwise-agreement" label="Pairwise agreement" value={pct(a.pairwise.agreement)} detail={`${a.pairwise.agreeingPairs} of ${a.pairwise.pairs} annotator pairs on ${a.pairwise.units} items`} />
          <Stat testId="majority-share" label="Agreeing with the majority" value={pct(a.majorityShare)} detail={`over ${a.majorityItems} items with two or more judgments`} />
        </section>

        <Card>
          <CardTitle>Agreement over time</CardTitle>
          <CardDescription>Pairwise agreement of the pairs of judgments completed each day (UTC), by the later judgment of the pair.</CardDescription>
          {quality.overTime.length ? (
            <div className="mt-4 grid gap-4 lg:grid-cols-[2fr_1fr]">
              <AgreementChart days={quality.overTime} />
              <Table caption="Agreement per day">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>Day</TableHeaderCell>
                    <TableHeaderCell>Agreement</TableHeaderCell>
                    <TableHeaderCell>Pairs</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {quality.overTime.map((day) => (
                    <TableRow key={day.day}>
                      <TableCell>{day.day}</TableCell>
                      <TableCell className="tabular-nums">{pct(day.agreement)}</TableCell>
                      <TableCell className="tabular-nums">{day.pairs}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          ) : (
            <p className="mt-3 text-sm text-muted-foreground">No prompt has two judgments yet.</p>
          )}
        </Card>

        <section aria-label="Annotators" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold">Annotators</h2>
            <span className="flex gap-3 text-sm">
              <a href={csv("annotators")} className="underline underline-offset-2">Annotators CSV</a>
              <a href={csv("agreement")} className="underline underline-offset-2">Agreement CSV</a>
              <a href={csv("over-time")} className="underline underline-offset-2">Per-day CSV</a>
            </span>
          </div>
          <p className="text-sm text-muted-foreground">
            Gold: flagged below {pct(quality.settings.goldMinAccuracy)} after {quality.settings.goldMinItems} gold items{quality.settings.goldPause ? ", and paused" : ""}. Outliers: {quality.outlierRules.join("; ")}.
          </p>
          {quality.annotators.length ? (
            <AnnotatorsTable rows={quality.annotators} promptSetId={id} unpauseAction={isAdmin ? unpauseMemberAction : undefined} />
          ) : (
            <p className="text-sm text-muted-foreground">No annotator has judged this set yet.</p>
          )}
        </section>

        <section aria-label="Disagreements" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-base font-semibold">Most split prompts</h2>
            <a href={csv("disagreements")} className="text-sm underline underline-offset-2">Disagreements CSV</a>
          </div>
          {quality.disagreements.length ? (
            <Table caption="Prompts with the most split judgments">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Prompt</TableHeaderCell>
                  <TableHeaderCell>Judgments</TableHeaderCell>
                  <TableHeaderCell>Majority share</TableHeaderCell>
                  <TableHeaderCell>Distinct verdicts</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {quality.disagreements.map((row) => (
                  <TableRow key={row.promptId} data-testid="disagreement-row">
                    <TableCell>
                      {isAdmin ? (
                        <Link href={`/review/prompts/${row.promptId}`} className="text-accent-text hover:underline">
                          Review {row.promptId.slice(0, 8)}
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
            <p className="text-sm text-muted-foreground">No prompt has split judgments.</p>
          )}
        </section>
      </div>
    </>
  );
}

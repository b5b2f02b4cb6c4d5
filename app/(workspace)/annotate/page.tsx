import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canAnnotate, canManagePromptSets } from "@/lib/authz/permissions";
import { listMyPromptSets } from "@/server/services/annotation/list-my-prompt-sets";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("annotate"))("metaTitle") };
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.min(100, Math.round((part / whole) * 100)));

export default async function AnnotatePage() {
  const actor = await requirePagePermission(canAnnotate);
  const sets = await listMyPromptSets({ actor });
  const t = await getTranslations();

  return (
    <>
      <PageHeader title={t("annotate.title")} description={t("annotate.description")} />
      {sets.length === 0 ? (
        <EmptyState title={t("annotate.emptyTitle")}>
          <p>{t("annotate.emptyBody")}</p>
          <p>{canManagePromptSets(actor) ? t("annotate.emptyAdmin") : t("annotate.emptyOther")}</p>
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label={t("annotate.yourSets")}>
          {sets.map((set) => {
            const target = set.prompts * set.overlap;
            const progress = percent(set.judged, target);
            return (
              <li key={set.id}>
                <Card className="flex h-full flex-col gap-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <CardTitle>{set.name}</CardTitle>
                    <Badge>{t(`vocabulary.judgingMode.${set.mode}`)}</Badge>
                    {set.isDemo ? <Badge tone="accent">{t("annotate.demo")}</Badge> : null}
                  </div>
                  {set.description ? <CardDescription>{set.description}</CardDescription> : null}
                  <dl className="grid grid-cols-2 gap-2 text-sm">
                    <div>
                      <dt className="text-muted-foreground">{t("annotate.yourJudgments")}</dt>
                      <dd className="font-medium tabular-nums" data-testid="my-progress">
                        {t("annotate.mineOpen", { mine: set.mine, open: set.open })}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-muted-foreground">{t("annotate.theSet")}</dt>
                      <dd className="font-medium tabular-nums">
                        {t("annotate.setProgress", { judged: set.judged, target, percent: progress / 100 })}
                      </dd>
                    </div>
                  </dl>
                  <div className="h-1.5 overflow-hidden rounded-full bg-surface-muted" role="progressbar" aria-label={t("annotate.progressLabel", { name: set.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress}>
                    <div className="h-full bg-accent" style={{ width: `${progress}%` }} />
                  </div>
                  <div className="mt-auto">
                    {set.open > 0 ? (
                      <Link href={`/annotate/${set.id}`} className={buttonClasses({ variant: "primary" })} aria-label={t("annotate.startLabel", { name: set.name })}>
                        {t("annotate.start")}
                      </Link>
                    ) : (
                      <p className="text-sm text-muted-foreground">{t("annotate.nothingLeft")}</p>
                    )}
                  </div>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canSettleJudgments } from "@/lib/authz/permissions";
import { listReviewPrompts, reviewFilters, type ReviewFilter } from "@/server/services/annotation/list-review-prompts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("metaTitle") };
}

type Search = { only?: string; show?: string; q?: string };

/** `?show=` one of the filters (`?only=disagreements`, the older link, still works) and `?q=` the prompt text to find. */
function readSearch(search: Search): { filter: ReviewFilter; query: string } {
  const show = search.show ?? (search.only === "disagreements" ? "disagreement" : "all");
  const filter = (reviewFilters as readonly string[]).includes(show) ? (show as ReviewFilter) : "all";
  return { filter, query: typeof search.q === "string" ? search.q.slice(0, 200) : "" };
}

export default async function ReviewPromptSetPage({ params, searchParams }: { params: Promise<{ promptSetId: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePagePermission(canSettleJudgments);
  const { promptSetId } = await params;
  const { filter, query } = readSearch(await searchParams);
  const set = await loadOrNotFound(listReviewPrompts({ actor, promptSetId, filter, query }));
  const t = await getTranslations("review");
  return (
    <>
      <PageHeader title={t("setTitle", { name: set.name })} description={t("setDescription", { count: set.prompts.length, overlap: set.overlap })} />
      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3" data-testid="review-filters">
        <label className="min-w-0 flex-1 space-y-1 text-sm font-medium">
          <span className="block">{t("searchLabel")}</span>
          <Input type="search" name="q" defaultValue={query} placeholder={t("searchPlaceholder")} />
        </label>
        <label className="space-y-1 text-sm font-medium">
          <span className="block">{t("filterLabel")}</span>
          <Select name="show" defaultValue={filter}>
            {reviewFilters.map((option) => (
              <option key={option} value={option}>
                {t(`filter.${option}`)}
              </option>
            ))}
          </Select>
        </label>
        <Button type="submit">{t("apply")}</Button>
      </form>
      {set.prompts.length === 0 ? <p className="text-sm text-muted-foreground">{t("noMatch")}</p> : null}
      <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-label={t("promptsLabel")}>
        {set.prompts.map((prompt) => (
          <li key={prompt.promptId} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="review-prompt">
            <Link href={`/review/prompts/${prompt.promptId}`} className="min-w-0 flex-1 truncate text-sm text-accent-text hover:underline">
              {prompt.preview || t("emptyPrompt")}
            </Link>
            <span className="text-xs text-muted-foreground tabular-nums">
              {prompt.judgments} / {set.overlap}
            </span>
            {prompt.imported > 0 ? <Badge tone="accent">{t("importedLabels", { count: prompt.imported })}</Badge> : null}
            {prompt.disagreement ? <Badge tone="warning">{t("disagreement")}</Badge> : null}
            {prompt.flagged ? <Badge tone="danger">{t("flagged")}</Badge> : null}
            {prompt.adjudicated ? <Badge tone="success">{t("settledBadge")}</Badge> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

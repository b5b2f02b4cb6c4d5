import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canSettleJudgments } from "@/lib/authz/permissions";
import { listReviewPromptSets } from "@/server/services/annotation/list-review-prompt-sets";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("metaTitle") };
}

export default async function ReviewPage() {
  const actor = await requirePagePermission(canSettleJudgments);
  const sets = await listReviewPromptSets({ actor });
  const t = await getTranslations("review");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {sets.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>
          <p>{t("emptyBody")}</p>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-border rounded-lg border border-border bg-surface" aria-label={t("setsLabel")}>
          {sets.map((set) => (
            <li key={set.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link href={`/review/${set.id}`} className="min-w-0 font-medium break-words text-accent-text hover:underline">
                {set.name}
              </Link>
              <span className="text-sm text-muted-foreground tabular-nums">{t("setJudgments", { judgments: set.judgments, target: set.prompts * set.overlap })}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

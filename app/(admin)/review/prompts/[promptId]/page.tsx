import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { judgedPairs } from "@/lib/review/settle-pairs";
import Link from "next/link";
import { ConversationView } from "@/components/annotation/conversation-view";
import { ReviewForms } from "@/components/annotation/review-forms";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { canSettleJudgments } from "@/lib/authz/permissions";
import { getPromptReview } from "@/server/services/annotation/get-prompt-review";
import { adjudicatePromptAction, reopenPromptAction } from "../../actions";
import { ScoreBadges, type ScoreBadge } from "@/components/verifiers/score-badges";
import { listCandidateScores } from "@/server/services/verifiers/list-candidate-scores";
import { GoldForm } from "@/components/quality/gold-form";
import { getPromptGold } from "@/server/services/quality/get-prompt-gold";
import { setGoldAction } from "@/app/(workspace)/prompt-sets/[id]/quality/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("promptMetaTitle") };
}

type Judgment = { shown: { candidateId: string; position: number; rank: number | null }[]; rewriteCandidateId: string | null };

/** "Shown: A=#1 (rank 1), B=#2 (rank 2); rewrite #3", each piece a sentence of the catalogue. */
function shownText(t: Awaited<ReturnType<typeof getTranslations<"review">>>, judgment: Judgment, label: Map<string, string>): string {
  const list = judgment.shown
    .map((shown) => {
      const values = { letter: String.fromCharCode(65 + shown.position), label: label.get(shown.candidateId) ?? "?" };
      return shown.rank === null ? t("shownItem", values) : t("shownItemRank", { ...values, rank: shown.rank });
    })
    .join(", ");
  return judgment.rewriteCandidateId ? t("shownRewrite", { list, rewrite: label.get(judgment.rewriteCandidateId) ?? "?" }) : t("shown", { list });
}

export default async function ReviewPromptPage({ params }: { params: Promise<{ promptId: string }> }) {
  const actor = await requirePagePermission(canSettleJudgments);
  const { promptId } = await params;
  const review = await loadOrNotFound(getPromptReview({ actor, promptId }));
  const label = new Map(review.candidates.map((candidate, index) => [candidate.id, `#${index + 1}`]));
  const showable = review.candidates.filter((candidate) => candidate.source !== "HUMAN_REWRITE");
  const { scores } = await listCandidateScores({ actor, promptSetId: review.promptSet.id, query: { promptId } });
  const scoresOf = new Map<string, ScoreBadge[]>();
  for (const score of scores) scoresOf.set(score.candidateId, [...(scoresOf.get(score.candidateId) ?? []), score]);
  const gold = await getPromptGold({ actor, promptId });
  const t = await getTranslations("review");
  const tSource = await getTranslations("vocabulary.judgmentSource");
  const tGold = await getTranslations("review.goldVerdict");
  const [first, second] = gold ? gold.shown.map((id) => label.get(id) ?? "?") : [];
  const goldText = gold
    ? gold.verdict.kind === "pairwise"
      ? tGold(gold.verdict.verdict, { a: first ?? "?", b: second ?? "?" })
      : gold.verdict.allBad
        ? tGold("allBad")
        : tGold("best", { best: label.get(gold.verdict.order[0] ?? "") ?? "?" })
    : null;
  return (
    <>
      <PageHeader
        title={t("promptTitle")}
        description={t.rich("promptDescription", {
          set: review.promptSet.name,
          count: review.judgments.length,
          overlap: review.promptSet.overlap,
          link: (chunks) => (
            <Link href={`/review/${review.promptSet.id}`} className="text-accent-text hover:underline">
              {chunks}
            </Link>
          ),
        })}
      />
      <div className="space-y-6">
        <ConversationView messages={review.messages} />
        <section aria-label={t("candidates")} className="grid gap-4 md:grid-cols-2">
          {review.candidates.map((candidate) => (
            <div key={candidate.id} className="min-w-0 rounded-lg border border-border bg-surface p-4">
              <p className="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold">
                {t("candidate", { label: label.get(candidate.id) ?? "?" })} <Badge>{candidate.source}</Badge>
                {candidate.model ? <Badge tone="accent">{candidate.model}</Badge> : null}
                {candidate.parentId ? <span className="text-xs text-muted-foreground">{t("from", { label: label.get(candidate.parentId) ?? "?" })}</span> : null}
                {candidate.authorName ? <span className="text-xs text-muted-foreground">{t("by", { name: candidate.authorName })}</span> : null}
              </p>
              <ScoreBadges scores={scoresOf.get(candidate.id) ?? []} />
              <div className="max-h-80 overflow-y-auto">
                <SafeMarkdown>{candidate.content}</SafeMarkdown>
              </div>
            </div>
          ))}
        </section>
        <section aria-label={t("judgments")} className="rounded-lg border border-border bg-surface">
          <h2 className="border-b border-border px-4 py-2 text-base font-semibold">{t("judgments")}</h2>
          {review.judgments.length === 0 ? <p className="px-4 py-3 text-sm text-muted-foreground">{t("noJudgments")}</p> : null}
          <ul className="divide-y divide-border">
            {review.judgments.map((judgment) => (
              <li key={judgment.id} className="space-y-1 px-4 py-3 text-sm" data-testid="review-judgment">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{judgment.annotator?.name ?? t("fromFile")}</span>
                  {judgment.source === "HUMAN" ? null : (
                    <Badge tone={judgment.source === "ADJUDICATION" ? "success" : "accent"} data-testid="judgment-source">
                      {tSource(judgment.source)}
                    </Badge>
                  )}
                  <Badge tone="neutral">{judgment.outcome}</Badge>
                  {judgment.flags.map((flag) => (
                    <Badge key={flag} tone="warning">
                      {flag}
                    </Badge>
                  ))}
                  <span className="text-xs text-muted-foreground">{t("judgedAt", { at: new Date(judgment.createdAt) })}</span>
                </p>
                <p className="text-muted-foreground">
                  {shownText(t, judgment, label)}
                </p>
                {judgment.rationale ? <p className="whitespace-pre-wrap">{judgment.rationale}</p> : null}
              </li>
            ))}
          </ul>
        </section>
        <GoldForm promptId={review.promptId} mode={review.promptSet.mode} candidates={showable.map((candidate) => ({ id: candidate.id, label: label.get(candidate.id)! }))} current={goldText} action={setGoldAction} />
        <ReviewForms
          promptId={review.promptId}
          mode={review.promptSet.mode}
          candidates={showable.map((candidate) => ({ id: candidate.id, label: label.get(candidate.id)! }))}
          pairs={judgedPairs(review.judgments)}
          reopenAction={reopenPromptAction}
          adjudicateAction={adjudicatePromptAction}
        />
      </div>
    </>
  );
}

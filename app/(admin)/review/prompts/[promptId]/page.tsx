import type { Metadata } from "next";
import Link from "next/link";
import { ConversationView } from "@/components/annotation/conversation-view";
import { ReviewForms } from "@/components/annotation/review-forms";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { Badge } from "@/components/ui/badge";
import { judgmentSourceLabels } from "@/lib/vocabulary";
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

export const metadata: Metadata = { title: "Review a prompt" };

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
  const goldText = gold
    ? gold.verdict.kind === "pairwise"
      ? `${gold.verdict.verdict} over ${gold.shown.map((id) => label.get(id) ?? "?").join(" vs ")}`
      : gold.verdict.allBad
        ? "all bad"
        : `${label.get(gold.verdict.order[0] ?? "") ?? "?"} best, the others tied below`
    : null;
  return (
    <>
      <PageHeader
        title="Review a prompt"
        description={
          <>
            In <Link href={`/review/${review.promptSet.id}`} className="text-accent-text hover:underline">{review.promptSet.name}</Link>; {review.judgments.length} judgment
            {review.judgments.length === 1 ? "" : "s"}, overlap {review.promptSet.overlap}.
          </>
        }
      />
      <div className="space-y-6">
        <ConversationView messages={review.messages} />
        <section aria-label="Candidates" className="grid gap-4 md:grid-cols-2">
          {review.candidates.map((candidate) => (
            <div key={candidate.id} className="min-w-0 rounded-lg border border-border bg-surface p-4">
              <p className="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold">
                Candidate {label.get(candidate.id)} <Badge>{candidate.source}</Badge>
                {candidate.model ? <Badge tone="accent">{candidate.model}</Badge> : null}
                {candidate.parentId ? <span className="text-xs text-muted-foreground">from {label.get(candidate.parentId)}</span> : null}
                {candidate.authorName ? <span className="text-xs text-muted-foreground">by {candidate.authorName}</span> : null}
              </p>
              <ScoreBadges scores={scoresOf.get(candidate.id) ?? []} />
              <div className="max-h-80 overflow-y-auto">
                <SafeMarkdown>{candidate.content}</SafeMarkdown>
              </div>
            </div>
          ))}
        </section>
        <section aria-label="Judgments" className="rounded-lg border border-border bg-surface">
          <h2 className="border-b border-border px-4 py-2 text-base font-semibold">Judgments</h2>
          {review.judgments.length === 0 ? <p className="px-4 py-3 text-sm text-muted-foreground">No judgments yet.</p> : null}
          <ul className="divide-y divide-border">
            {review.judgments.map((judgment) => (
              <li key={judgment.id} className="space-y-1 px-4 py-3 text-sm" data-testid="review-judgment">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{judgment.annotator?.name ?? "From the imported file"}</span>
                  {judgment.source === "HUMAN" ? null : (
                    <Badge tone={judgment.source === "ADJUDICATION" ? "success" : "accent"} data-testid="judgment-source">
                      {judgmentSourceLabels[judgment.source]}
                    </Badge>
                  )}
                  <Badge tone="neutral">{judgment.outcome}</Badge>
                  {judgment.flags.map((flag) => (
                    <Badge key={flag} tone="warning">
                      {flag}
                    </Badge>
                  ))}
                  <span className="text-xs text-muted-foreground">{new Date(judgment.createdAt).toLocaleString("en")}</span>
                </p>
                <p className="text-muted-foreground">
                  Shown:{" "}
                  {judgment.shown.map((shown) => `${String.fromCharCode(65 + shown.position)}=${label.get(shown.candidateId)}${shown.rank === null ? "" : ` (rank ${shown.rank})`}`).join(", ")}
                  {judgment.rewriteCandidateId ? `; rewrite ${label.get(judgment.rewriteCandidateId)}` : ""}
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
          reopenAction={reopenPromptAction}
          adjudicateAction={adjudicatePromptAction}
        />
      </div>
    </>
  );
}

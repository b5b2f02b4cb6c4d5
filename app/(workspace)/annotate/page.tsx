import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canAnnotate, canManagePromptSets } from "@/lib/authz/permissions";
import { listMyPromptSets } from "@/server/services/annotation/list-my-prompt-sets";
import { judgingModeLabels } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "Annotate" };

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.min(100, Math.round((part / whole) * 100)));

export default async function AnnotatePage() {
  const actor = await requirePagePermission(canAnnotate);
  const sets = await listMyPromptSets({ actor });

  return (
    <>
      <PageHeader title="Annotate" description="Judge candidate answers one prompt at a time: pick the better one, or rank them. Press ? in the workspace for shortcuts." />
      {sets.length === 0 ? (
        <EmptyState title="Your queue is empty">
          <p>When you are added to a prompt set, it appears here with your progress and a Start button.</p>
          <p>
            {canManagePromptSets(actor)
              ? "As an admin, you fill queues by adding annotators (yourself included) to a prompt set."
              : "There is nothing to do right now: an admin will add you to a prompt set."}
          </p>
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Your prompt sets">
          {sets.map((set) => {
            const target = set.prompts * set.overlap;
            const progress = percent(set.judged, target);
            return (
              <li key={set.id}>
                <Card className="flex h-full flex-col gap-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <CardTitle>{set.name}</CardTitle>
                    <Badge>{judgingModeLabels[set.mode]}</Badge>
                    {set.isDemo ? <Badge tone="accent">Demo</Badge> : null}
                  </div>
                  {set.description ? <CardDescription>{set.description}</CardDescription> : null}
                  <dl className="grid grid-cols-2 gap-2 text-sm">
                    <div>
                      <dt className="text-muted-foreground">Your judgments</dt>
                      <dd className="font-medium tabular-nums" data-testid="my-progress">
                        {set.mine} · {set.open} open to you
                      </dd>
                    </div>
                    <div>
                      <dt className="text-muted-foreground">The set</dt>
                      <dd className="font-medium tabular-nums">
                        {set.judged} / {target} ({progress}%)
                      </dd>
                    </div>
                  </dl>
                  <div className="h-1.5 overflow-hidden rounded-full bg-surface-muted" role="progressbar" aria-label={`${set.name}: progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress}>
                    <div className="h-full bg-accent" style={{ width: `${progress}%` }} />
                  </div>
                  <div className="mt-auto">
                    {set.open > 0 ? (
                      <Link href={`/annotate/${set.id}`} className={buttonClasses({ variant: "primary" })} aria-label={`Start ${set.name}`}>
                        Start
                      </Link>
                    ) : (
                      <p className="text-sm text-muted-foreground">Nothing left for you here.</p>
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

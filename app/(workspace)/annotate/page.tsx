import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canAnnotate, canManagePromptSets } from "@/server/authz/permissions";

export const metadata: Metadata = { title: "Annotate" };

export default async function AnnotatePage() {
  const actor = await requirePagePermission(canAnnotate);

  return (
    <>
      <PageHeader title="Annotate" description="Judge candidate answers one prompt at a time: pick the better one, or rank them." />
      <EmptyState title="Your queue is empty">
        <p>
          When you are assigned to a prompt set, its prompts will appear here one at a time, with the candidate answers side by side and keyboard
          shortcuts for every choice.
        </p>
        <p>
          {canManagePromptSets(actor)
            ? "As an admin, you fill queues by assigning annotators (yourself included) to a prompt set."
            : "There is nothing to do right now: an admin will assign you, and your judgments are saved as you go."}
        </p>
      </EmptyState>
    </>
  );
}

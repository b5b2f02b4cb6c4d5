import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canExport, canManagePromptSets, canManageUsers, canViewPromptSets } from "@/server/authz/permissions";

export const metadata: Metadata = { title: "Prompt sets" };

export default async function PromptSetsPage() {
  const actor = await requirePagePermission(canViewPromptSets);
  const isManager = canManagePromptSets(actor);

  return (
    <>
      <PageHeader title="Prompt sets" description="Collections of prompts with their guidelines, judging mode, candidates per prompt and annotators." />
      <EmptyState
        title="No prompt sets yet"
        action={
          isManager && canManageUsers(actor) ? (
            <Link href="/users" className={buttonClasses({ variant: "secondary" })}>
              Add annotators
            </Link>
          ) : !isManager && canExport(actor) ? (
            <Link href="/exports" className={buttonClasses({ variant: "secondary" })}>
              Go to exports
            </Link>
          ) : undefined
        }
      >
        <p>Prompt sets will appear here: import prompts, connect model endpoints and generate candidates.</p>
        <p>
          {isManager
            ? "Creating and importing prompt sets is not available yet. Meanwhile, create accounts for the people who will judge the answers."
            : "An admin creates prompt sets. Once annotators have judged their candidates, you can read them here and build datasets under Exports."}
        </p>
      </EmptyState>
    </>
  );
}

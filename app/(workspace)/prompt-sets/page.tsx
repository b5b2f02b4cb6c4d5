import type { Metadata } from "next";
import Link from "next/link";
import { emptyPromptSetValues, PromptSetForm } from "@/components/prompt-sets/prompt-set-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canManagePromptSets, canViewPromptSets } from "@/lib/authz/permissions";
import { listPromptSets } from "@/server/services/prompt-sets/list-prompt-sets";
import { createPromptSetAction } from "./actions";
import { judgingModeLabels } from "@/lib/vocabulary";

export const metadata: Metadata = { title: "Prompt sets" };

export default async function PromptSetsPage() {
  const actor = await requirePagePermission(canViewPromptSets);
  const isManager = canManagePromptSets(actor);
  const sets = await listPromptSets({ actor });

  return (
    <>
      <PageHeader title="Prompt sets" description="Collections of prompts with their guidelines, judging mode, candidates per prompt and annotators." />
      <div className="space-y-10">
        {sets.length === 0 ? (
          <EmptyState title="No prompt sets yet">
            <p>{isManager ? "Create one below, then import prompts into it." : "An admin creates prompt sets; you can read them here once they exist."}</p>
          </EmptyState>
        ) : (
          <Table caption="Prompt sets">
            <TableHead>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Mode</TableHeaderCell>
                <TableHeaderCell>Prompts</TableHeaderCell>
                <TableHeaderCell>Candidates</TableHeaderCell>
                <TableHeaderCell>Judgments</TableHeaderCell>
                <TableHeaderCell>Annotators</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sets.map((set) => (
                <TableRow key={set.id} data-testid={`prompt-set-row-${set.name}`}>
                  <TableCell>
                    <Link href={`/prompt-sets/${set.id}`} className="font-medium underline-offset-2 hover:underline">
                      {set.name}
                    </Link>
                    {set.isDemo ? <Badge className="ml-2">demo</Badge> : null}
                    {set.archivedAt ? <Badge className="ml-2" tone="warning">archived</Badge> : null}
                    {set.description ? <p className="text-xs text-muted-foreground">{set.description}</p> : null}
                  </TableCell>
                  <TableCell>{judgingModeLabels[set.judgingMode]}</TableCell>
                  <TableCell>{set.prompts.toLocaleString("en")}</TableCell>
                  <TableCell>{set.candidates.toLocaleString("en")}</TableCell>
                  <TableCell>{set.judgments.toLocaleString("en")}</TableCell>
                  <TableCell>{set.members}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {isManager ? (
          <section aria-labelledby="create-set-heading">
            <Card>
              <CardTitle id="create-set-heading">Create prompt set</CardTitle>
              <CardDescription>You can change every setting later; import prompts on the set&apos;s page.</CardDescription>
              <div className="mt-5">
                <PromptSetForm action={createPromptSetAction} initial={emptyPromptSetValues} submitLabel="Create prompt set" />
              </div>
            </Card>
          </section>
        ) : null}
      </div>
    </>
  );
}

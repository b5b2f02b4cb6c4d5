import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("promptSets"))("list.metaTitle") };
}

export default async function PromptSetsPage() {
  const actor = await requirePagePermission(canViewPromptSets);
  const isManager = canManagePromptSets(actor);
  const sets = await listPromptSets({ actor });
  const t = await getTranslations();
  const format = await getFormatter();

  return (
    <>
      <PageHeader title={t("promptSets.list.title")} description={t("promptSets.list.description")} />
      <div className="space-y-10">
        {sets.length === 0 ? (
          <EmptyState title={t("promptSets.list.emptyTitle")}>
            <p>{isManager ? t("promptSets.list.emptyManager") : t("promptSets.list.emptyOther")}</p>
          </EmptyState>
        ) : (
          <Table caption={t("promptSets.list.title")}>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("promptSets.list.name")}</TableHeaderCell>
                <TableHeaderCell>{t("promptSets.list.mode")}</TableHeaderCell>
                <TableHeaderCell>{t("promptSets.list.prompts")}</TableHeaderCell>
                <TableHeaderCell>{t("promptSets.list.candidates")}</TableHeaderCell>
                <TableHeaderCell>{t("promptSets.list.judgments")}</TableHeaderCell>
                <TableHeaderCell>{t("promptSets.list.annotators")}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sets.map((set) => (
                <TableRow key={set.id} data-testid={`prompt-set-row-${set.name}`}>
                  <TableCell>
                    <Link href={`/prompt-sets/${set.id}`} className="font-medium underline-offset-2 hover:underline">
                      {set.name}
                    </Link>
                    {set.isDemo ? <Badge className="ml-2">{t("promptSets.list.demo")}</Badge> : null}
                    {set.archivedAt ? <Badge className="ml-2" tone="warning">{t("promptSets.list.archived")}</Badge> : null}
                    {set.description ? <p className="text-xs text-muted-foreground">{set.description}</p> : null}
                  </TableCell>
                  <TableCell>{t(`vocabulary.judgingMode.${set.judgingMode}`)}</TableCell>
                  <TableCell>{format.number(set.prompts)}</TableCell>
                  <TableCell>{format.number(set.candidates)}</TableCell>
                  <TableCell>{format.number(set.judgments)}</TableCell>
                  <TableCell>{format.number(set.members)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {isManager ? (
          <section aria-labelledby="create-set-heading">
            <Card>
              <CardTitle id="create-set-heading">{t("promptSets.list.createTitle")}</CardTitle>
              <CardDescription>{t("promptSets.list.createDescription")}</CardDescription>
              <div className="mt-5">
                <PromptSetForm action={createPromptSetAction} initial={emptyPromptSetValues} submitLabel={t("promptSets.list.createTitle")} />
              </div>
            </Card>
          </section>
        ) : null}
      </div>
    </>
  );
}

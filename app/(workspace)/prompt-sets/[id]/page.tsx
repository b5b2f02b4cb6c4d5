import type { Metadata } from "next";
import Link from "next/link";
import { ImportPanel } from "@/components/import/import-panel";
import { Guidelines } from "@/components/prompt-sets/guidelines";
import { PromptList } from "@/components/prompt-sets/prompt-list";
import { SetOverview } from "@/components/prompt-sets/set-overview";
import { RewriteRulesPanel } from "@/components/prompt-sets/rewrite-rules-panel";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canManagePromptSets, canViewPromptSets } from "@/lib/authz/permissions";
import { getPromptSet } from "@/server/services/prompt-sets/get-prompt-set";
import { listPrompts } from "@/server/services/prompt-sets/list-prompts";
import { listRewriteRules } from "@/server/services/rewrite-rules/list-rewrite-rules";
import { previewRewriteRules } from "@/server/services/rewrite-rules/preview-rewrite-rules";
import { loadOrNotFound } from "@/server/http/load-or-not-found";
import { applyRewriteRulesAction, createRewriteRuleAction, updateRewriteRuleAction } from "../actions";

export const metadata: Metadata = { title: "Prompt set" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PromptSetPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission(canViewPromptSets);
  const { id } = await params;
  const query = await searchParams;
  const set = await loadOrNotFound(getPromptSet({ actor, promptSetId: id }));
  const isManager = canManagePromptSets(actor);
  const isEditable = isManager && !set.archivedAt;
  const [prompts, rules] = await Promise.all([
    listPrompts({ actor, promptSetId: id, input: { page: typeof query.page === "string" ? query.page : undefined, q: typeof query.q === "string" ? query.q : undefined } }),
    listRewriteRules({ actor, promptSetId: id }),
  ]);
  const preview = isEditable && rules.some((rule) => rule.enabled) ? await previewRewriteRules({ actor, promptSetId: id }) : null;

  return (
    <>
      <PageHeader
        title={set.name}
        description={set.description || undefined}
        actions={
          isManager ? (
            <>
              {isEditable ? (
                <Link href={`/prompt-sets/${id}/generate`} className={buttonClasses({ variant: "primary" })}>
                  Generate candidates
                </Link>
              ) : null}
              <Link href={`/prompt-sets/${id}/settings`} className={buttonClasses({})}>
                Settings
              </Link>
            </>
          ) : undefined
        }
      />
      <div className="space-y-8">
        {set.archivedAt ? <Badge tone="warning">Archived: read-only</Badge> : null}
        <SetOverview set={set} />
        {set.guidelines ? (
          <Card>
            <CardTitle>Guidelines</CardTitle>
            <div className="mt-3">
              <Guidelines markdown={set.guidelines} />
            </div>
          </Card>
        ) : null}
        {isEditable ? (
          <Card>
            <CardTitle id="import-heading">Import prompts</CardTitle>
            <CardDescription>Records already in this set (the same conversation) are counted and skipped. Answers in the file become imported candidates.</CardDescription>
            <div className="mt-5">
              <ImportPanel promptSetId={id} savedMapping={set.importMapping} />
            </div>
          </Card>
        ) : null}
        {isEditable ? (
          <Card>
            <CardTitle>Rewrite rules</CardTitle>
            <CardDescription>
              Each rule derives a variant of a candidate (“Qwen” → “Deep Qwen”), linked to its source, so the pair can later be offered as chosen and rejected.
            </CardDescription>
            <div className="mt-5">
              <RewriteRulesPanel
                promptSetId={id}
                rules={rules}
                preview={preview}
                actions={{ create: createRewriteRuleAction, update: updateRewriteRuleAction, apply: applyRewriteRulesAction }}
              />
            </div>
          </Card>
        ) : null}
        {!isEditable && rules.length > 0 ? (
          <Card>
            <CardTitle>Rewrite rules</CardTitle>
            <ol className="mt-3 space-y-1 text-sm">
              {rules.map((rule) => (
                <li key={rule.id}>
                  <code>{rule.pattern}</code> → <code>{rule.replacement}</code>
                  <span className="text-muted-foreground">
                    {" "}
                    ({[rule.isRegex ? "regex" : "literal", rule.wholeWord ? "whole word" : null, rule.caseSensitive ? "case-sensitive" : "any case", rule.enabled ? null : "off"].filter(Boolean).join(", ")}; {rule.derivedCount} derived)
                  </span>
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
        <section aria-labelledby="prompts-heading" className="space-y-3">
          <h2 id="prompts-heading" className="text-base font-semibold">
            Prompts
          </h2>
          <PromptList basePath={`/prompt-sets/${id}`} data={prompts} />
        </section>
      </div>
    </>
  );
}

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { CandidateSource } from "@/lib/vocabulary";

type Candidate = { id: string; content: string; source: CandidateSource; model: string | null; parentId: string | null; importedLabel: string | null };
type Prompt = { id: string; externalId: string | null; messages: { role: string; content: string }[]; referenceAnswer: string | null; candidates: Candidate[] };
export type PromptListData = { prompts: Prompt[]; total: number; page: number; pageCount: number; q: string };

const roleKeys = { system: true, user: true, assistant: true } as const;

const sourceTone: Record<CandidateSource, BadgeTone> = { GENERATED: "accent", IMPORTED: "neutral", RULE_DERIVED: "success", HUMAN_REWRITE: "warning", SAMPLE: "neutral" };

/** Model output and imported text are shown as text (React escapes it), never as HTML. */
export function PromptList({ basePath, data }: { basePath: string; data: PromptListData }) {
  const t = useTranslations("promptSets.list");
  const tv = useTranslations("vocabulary");
  const pageHref = (page: number) => `${basePath}?${new URLSearchParams({ ...(data.q ? { q: data.q } : {}), page: String(page) }).toString()}`;
  return (
    <div className="space-y-4">
      <form method="get" action={basePath} role="search" className="flex gap-2">
        <label htmlFor="prompt-search" className="sr-only">
          {t("searchLabel")}
        </label>
        <Input id="prompt-search" name="q" defaultValue={data.q} placeholder={t("searchLabel")} className="max-w-sm" />
        <button type="submit" className={buttonClasses({})}>
          {t("search")}
        </button>
      </form>
      <p className="text-sm text-muted-foreground" data-testid="prompt-count">
        {data.q ? t("countMatching", { count: data.total, q: data.q }) : t("count", { count: data.total })}
      </p>
      <ol className="space-y-3">
        {data.prompts.map((prompt) => {
          const lastUser = prompt.messages.at(-1)?.content ?? "";
          const earlier = prompt.messages.slice(0, -1);
          return (
            <li key={prompt.id} className="rounded-lg border border-border bg-surface p-4" data-testid="prompt-item">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-medium whitespace-pre-wrap">{lastUser}</span>
                  <span className="ml-2 text-xs text-muted-foreground">
                    {prompt.externalId ? `${prompt.externalId} · ` : ""}
                    {t("candidateCount", { count: prompt.candidates.length })}
                  </span>
                </summary>
                <div className="mt-3 space-y-3 text-sm">
                  {earlier.length > 0 ? (
                    <div className="space-y-1">
                      {earlier.map((message, index) => (
                        <p key={index} className="whitespace-pre-wrap text-muted-foreground">
                          <span className="font-medium">{t("role", { role: message.role in roleKeys ? tv(`messageRole.${message.role as keyof typeof roleKeys}`) : message.role })}</span> {message.content}
                        </p>
                      ))}
                    </div>
                  ) : null}
                  {prompt.referenceAnswer ? (
                    <p className="whitespace-pre-wrap">
                      <span className="font-medium">{t("reference")}</span> {prompt.referenceAnswer}
                    </p>
                  ) : null}
                  <ul className="space-y-2">
                    {prompt.candidates.map((candidate) => (
                      <li key={candidate.id} className="rounded-md border border-border p-2" data-testid="candidate" data-source={candidate.source}>
                        <div className="mb-1 flex flex-wrap gap-2">
                          <Badge tone={sourceTone[candidate.source]}>{tv(`candidateSource.${candidate.source}`)}</Badge>
                          {candidate.importedLabel ? <Badge>{candidate.importedLabel}</Badge> : null}
                          {candidate.model ? <Badge>{candidate.model}</Badge> : null}
                          {candidate.parentId ? <span className="text-xs text-muted-foreground">{t("derived")}</span> : null}
                        </div>
                        <p className="whitespace-pre-wrap">{candidate.content}</p>
                      </li>
                    ))}
                  </ul>
                </div>
              </details>
            </li>
          );
        })}
      </ol>
      {data.pageCount > 1 ? (
        <nav aria-label={t("pages")} className="flex items-center gap-3 text-sm">
          {data.page > 1 ? (
            <Link href={pageHref(data.page - 1)} className={buttonClasses({ size: "sm" })}>
              {t("previous")}
            </Link>
          ) : null}
          <span>{t("pageOf", { page: data.page, pages: data.pageCount })}</span>
          {data.page < data.pageCount ? (
            <Link href={pageHref(data.page + 1)} className={buttonClasses({ size: "sm" })}>
              {t("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

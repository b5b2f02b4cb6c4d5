"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { TokenFormAction, TokenFormState } from "@/components/exports/export-action-state";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export type ApiTokenRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };

function RevokeButton({ tokenId, action }: { tokenId: string; action: TokenFormAction }) {
  const t = useTranslations("exports.tokens");
  const [, formAction, isPending] = useActionState<TokenFormState | null, FormData>(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" size="sm" variant="danger" disabled={isPending}>
        {t("revoke")}
      </Button>
    </form>
  );
}

/** "created …, last used …, expires …" as one sentence of the catalogue. */
function tokenDates(t: ReturnType<typeof useTranslations<"exports.tokens">>, token: ApiTokenRow): string {
  const created = new Date(token.createdAt);
  const used = token.lastUsedAt ? new Date(token.lastUsedAt) : null;
  const expires = token.expiresAt ? new Date(token.expiresAt) : null;
  if (expires) return used ? t("usedExpires", { created, used, expires }) : t("usedNeverExpires", { created, expires });
  return used ? t("used", { created, used }) : t("usedNever", { created });
}

/** Personal API tokens for the export API: created here, shown once, revoked at any time. */
export function ApiTokensSection({ tokens, createAction, revokeAction }: { tokens: ApiTokenRow[]; createAction: TokenFormAction; revokeAction: TokenFormAction }) {
  const t = useTranslations("exports.tokens");
  // The previous state (which may hold the one-time token) is not sent back to the server.
  const [state, formAction, isPending] = useActionState((_previous: TokenFormState | null, formData: FormData) => createAction(null, formData), null);
  return (
    <Card>
      <CardTitle>{t("title")}</CardTitle>
      <CardDescription>
        {t.rich("description", { token: "<token>", code: (chunks) => <code>{chunks}</code> })}
      </CardDescription>
      <form action={formAction} className="mt-4 flex flex-wrap items-end gap-3" aria-label={t("createLabel")}>
        <Field label={t("name")} id="token-name" error={state?.status === "error" ? state.fields?.name : undefined}>
          {(control) => <Input {...control} name="name" placeholder="training-pipeline" />}
        </Field>
        <Field label={t("expires")} id="token-expires">
          {(control) => <Input {...control} name="expiresInDays" type="number" min={1} className="w-32" />}
        </Field>
        <Button type="submit" variant="primary" disabled={isPending}>
          {t("create")}
        </Button>
      </form>
      {state?.status === "error" && !state.fields ? <Alert className="mt-3" tone="error" testId="token-error" title={state.message} /> : null}
      {state?.status === "created" ? (
        <Alert className="mt-3" tone="success" title={t("created", { name: state.name })}>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-token" className="break-all">
              {state.token}
            </code>
            <CopyButton value={state.token} />
          </div>
        </Alert>
      ) : null}
      <ul className="mt-4 divide-y divide-border text-sm" aria-label={t("listLabel")}>
        {tokens.length === 0 ? <li className="py-2 text-muted-foreground">{t("none")}</li> : null}
        {tokens.map((token) => (
          <li key={token.id} className="flex items-center justify-between gap-3 py-2" data-testid="api-token-row">
            <div>
              <span className="font-medium">{token.name}</span> <code className="text-xs">{token.prefix}…</code>
              <div className="text-xs text-muted-foreground">
                {tokenDates(t, token)}
              </div>
            </div>
            {token.revokedAt ? <span className="text-xs text-muted-foreground">{t("revoked")}</span> : <RevokeButton tokenId={token.id} action={revokeAction} />}
          </li>
        ))}
      </ul>
    </Card>
  );
}

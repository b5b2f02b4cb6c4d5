"use client";

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
  const [, formAction, isPending] = useActionState<TokenFormState | null, FormData>(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" size="sm" variant="danger" disabled={isPending}>
        Revoke
      </Button>
    </form>
  );
}

/** Personal API tokens for the export API: created here, shown once, revoked at any time. */
export function ApiTokensSection({ tokens, createAction, revokeAction }: { tokens: ApiTokenRow[]; createAction: TokenFormAction; revokeAction: TokenFormAction }) {
  // The previous state (which may hold the one-time token) is not sent back to the server.
  const [state, formAction, isPending] = useActionState((_previous: TokenFormState | null, formData: FormData) => createAction(null, formData), null);
  return (
    <Card>
      <CardTitle>API tokens</CardTitle>
      <CardDescription>
        For scripts and pipelines: send <code>Authorization: Bearer &lt;token&gt;</code> to <code>/api/exports</code>. Only a hash is stored; the token is shown once.
      </CardDescription>
      <form action={formAction} className="mt-4 flex flex-wrap items-end gap-3" aria-label="Create API token">
        <Field label="Token name" id="token-name" error={state?.status === "error" ? state.fields?.name : undefined}>
          {(control) => <Input {...control} name="name" placeholder="training-pipeline" />}
        </Field>
        <Field label="Expires in days (optional)" id="token-expires">
          {(control) => <Input {...control} name="expiresInDays" type="number" min={1} className="w-32" />}
        </Field>
        <Button type="submit" variant="primary" disabled={isPending}>
          Create token
        </Button>
      </form>
      {state?.status === "error" && !state.fields ? <Alert className="mt-3" tone="error" testId="token-error" title={state.message} /> : null}
      {state?.status === "created" ? (
        <Alert className="mt-3" tone="success" title={`Token "${state.name}" created. Copy it now: it will not be shown again.`}>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-token" className="break-all">
              {state.token}
            </code>
            <CopyButton value={state.token} />
          </div>
        </Alert>
      ) : null}
      <ul className="mt-4 divide-y divide-border text-sm" aria-label="Your API tokens">
        {tokens.length === 0 ? <li className="py-2 text-muted-foreground">No tokens yet.</li> : null}
        {tokens.map((token) => (
          <li key={token.id} className="flex items-center justify-between gap-3 py-2" data-testid="api-token-row">
            <div>
              <span className="font-medium">{token.name}</span> <code className="text-xs">{token.prefix}…</code>
              <div className="text-xs text-muted-foreground">
                created {new Date(token.createdAt).toLocaleDateString()}
                {token.lastUsedAt ? `, last used ${new Date(token.lastUsedAt).toLocaleString()}` : ", never used"}
                {token.expiresAt ? `, expires ${new Date(token.expiresAt).toLocaleDateString()}` : ""}
              </div>
            </div>
            {token.revokedAt ? <span className="text-xs text-muted-foreground">revoked</span> : <RevokeButton tokenId={token.id} action={revokeAction} />}
          </li>
        ))}
      </ul>
    </Card>
  );
}

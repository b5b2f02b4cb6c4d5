"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { RunActionState } from "./types";

export function RegenerateButton({ candidateId, action }: { candidateId: string; action: (previous: RunActionState | null, formData: FormData) => Promise<RunActionState> }) {
  const t = useTranslations("generationRun");
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="candidateId" value={candidateId} />
      {state ? (
        <span role={state.status === "error" ? "alert" : "status"} data-testid={`regenerate-${state.status}`} className={state.status === "error" ? "text-xs text-danger-text" : "text-xs text-muted-foreground"}>
          {state.message}
        </span>
      ) : null}
      <Button type="submit" size="sm" variant="ghost" disabled={isPending || state?.status === "ok"}>
        {t("regenerate")}
      </Button>
    </form>
  );
}

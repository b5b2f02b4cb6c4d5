"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ActionMessage } from "@/components/prompt-sets/action-message";
import type { FormAction } from "@/lib/forms/action-state";
import { Textarea } from "@/components/prompt-sets/textarea";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

const example = `[
  { "type": "math", "relTolerance": 1e-6 },
  { "type": "must-include", "texts": ["Deep Qwen"] },
  { "type": "must-not-include", "texts": ["I am Qwen"] }
]`;

/** The set's verifier checks as JSON, and whether annotators see the results. */
export function VerifierSettingsForm({ promptSetId, checksText, showScoresToAnnotators, action }: { promptSetId: string; checksText: string; showScoresToAnnotators: boolean; action: FormAction }) {
  const t = useTranslations("verifiers");
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <Field
        label={t("checks")}
        error={state?.fields?.checks}
        hint={t.rich("checksHint", {
          code: (chunks) => <code>{chunks}</code>,
          example: () => <code className="whitespace-pre-wrap">{example}</code>,
        })}
      >
        {(control) => <Textarea {...control} name="checks" rows={8} className="font-mono text-xs" defaultValue={state?.values?.checks ?? checksText} spellCheck={false} />}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="showScoresToAnnotators" defaultChecked={showScoresToAnnotators} />
        {t("showScores")}
      </label>
      <Button type="submit" variant="primary" disabled={isPending}>
        {t("save")}
      </Button>
      <ActionMessage state={state} testId="verifier-settings" />
    </form>
  );
}

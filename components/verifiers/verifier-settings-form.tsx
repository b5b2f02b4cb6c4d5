"use client";

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
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <Field
        label="Checks (JSON)"
        error={state?.fields?.checks}
        hint={
          <>
            A list of checks: math, exact, regex, json-schema, word-count, char-count, must-include, must-not-include, language, starts-with, ends-with, bullet-count,
            valid-json. A prompt&apos;s own <code>checks</code> (metadata) replace the set&apos;s by name. For example: <code className="whitespace-pre-wrap">{example}</code>
          </>
        }
      >
        {(control) => <Textarea {...control} name="checks" rows={8} className="font-mono text-xs" defaultValue={state?.values?.checks ?? checksText} spellCheck={false} />}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="showScoresToAnnotators" defaultChecked={showScoresToAnnotators} />
        Show verifier results to annotators while they judge
      </label>
      <Button type="submit" variant="primary" disabled={isPending}>
        Save checks
      </Button>
      <ActionMessage state={state} testId="verifier-settings" />
    </form>
  );
}

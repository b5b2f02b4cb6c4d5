"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ActionMessage } from "./action-message";
import type { FormAction } from "@/lib/forms/action-state";

export type MemberCandidate = { id: string; name: string; email: string; isMember: boolean };

export function MembersForm({ promptSetId, people, action }: { promptSetId: string; people: MemberCandidate[]; action: FormAction }) {
  const t = useTranslations("promptSetForm");
  const [state, formAction, isPending] = useActionState(action, null);
  if (people.length === 0) return <p className="text-sm text-muted-foreground">{t("noAnnotators")}</p>;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="promptSetId" value={promptSetId} />
      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="sr-only">{t("membersLegend")}</legend>
        {people.map((person) => (
          <label key={person.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="userIds" value={person.id} defaultChecked={person.isMember} />
            <span>
              {person.name} <span className="text-muted-foreground">{t("memberEmail", { email: person.email })}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={isPending}>
        {t("saveMembers")}
      </Button>
      <ActionMessage state={state} testId="members" />
    </form>
  );
}

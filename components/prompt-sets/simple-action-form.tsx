"use client";

import { useActionState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { ActionMessage } from "./action-message";
import type { FormAction } from "@/lib/forms/action-state";

/** A form of hidden fields (or a few controls) and one button, with the action's reply under it. */
export function SimpleActionForm({
  action,
  hidden,
  label,
  variant = "secondary",
  testId,
  confirm,
  children,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  label: string;
  variant?: ButtonVariant;
  testId: string;
  /** Asked before submitting (deleting things). */
  confirm?: string;
  children?: ReactNode;
}) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className="space-y-2"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Button type="submit" variant={variant} disabled={isPending}>
        {label}
      </Button>
      <ActionMessage state={state} testId={testId} />
    </form>
  );
}

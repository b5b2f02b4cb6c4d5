"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { MIN_PASSWORD_LENGTH } from "@/lib/schemas/user";
import { OneTimePassword } from "./one-time-password";
import { RoleOptions } from "./role-options";
import type { UserAction, UserActionState } from "./user-action-state";

const fieldOrder = ["email", "name", "role", "password"] as const;
type FormField = (typeof fieldOrder)[number];
const fieldLabelKeys = { email: "email", name: "name", role: "role", password: "password" } as const satisfies Record<FormField, string>;
const fieldId = (field: FormField) => `create-user-${field}`;

/**
 * The form's errors at the top, each linking to its field. When every problem belongs to a field of
 * this form, the labelled list says all of it under "not created"; otherwise (a refused permission, a
 * problem of no field here) the message is shown as it is, above the list.
 */
function ErrorSummary({ message, fields = {} }: { message: string; fields?: Record<string, string> }) {
  const t = useTranslations("users");
  const listed = fieldOrder.filter((field) => fields[field]);
  const onlyListed = listed.length > 0 && Object.keys(fields).every((field) => (fieldOrder as readonly string[]).includes(field));
  return (
    <Alert tone="error" testId="create-user-error" title={onlyListed ? t("notCreated") : message}>
      {listed.length > 0 ? (
        <ul className="list-inside list-disc">
          {listed.map((field) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`} className="underline underline-offset-2">
                {t("fieldProblem", { field: t(fieldLabelKeys[field]), problem: fields[field] ?? "" })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

export function CreateUserForm({ action }: { action: UserAction }) {
  const t = useTranslations("users");
  // The previous state is not sent back to the server (useActionState would pass it as the first
  // argument): it may hold the one-time password, which must not travel again or reach a log.
  const [state, formAction, isPending] = useActionState((_previous: UserActionState | null, formData: FormData) => action(null, formData), null);
  const errors = state?.status === "error" ? (state.fields ?? {}) : {};
  // React resets a form after its action; the action echoes what was typed (never the password) so that
  // an error does not wipe the form, while a success leaves it empty for the next user.
  const values = state?.status === "error" ? state.values : undefined;

  // After a failed submit, take the keyboard to the first field to fix.
  useEffect(() => {
    if (state?.status !== "error" || !state.fields) return;
    const first = fieldOrder.find((field) => state.fields?.[field]);
    if (first) document.getElementById(fieldId(first))?.focus();
  }, [state]);

  return (
    <div className="space-y-4">
      <form action={formAction} noValidate className="space-y-4">
        {state?.status === "error" ? <ErrorSummary message={state.message} fields={state.fields} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("email")} id={fieldId("email")} error={errors.email}>
            {(control) => <Input {...control} name="email" type="email" autoComplete="off" spellCheck={false} defaultValue={values?.email ?? ""} />}
          </Field>
          <Field label={t("name")} id={fieldId("name")} error={errors.name}>
            {(control) => <Input {...control} name="name" autoComplete="off" defaultValue={values?.name ?? ""} />}
          </Field>
          <Field label={t("role")} id={fieldId("role")} error={errors.role}>
            {(control) => (
              <Select {...control} name="role" defaultValue={values?.role || "ANNOTATOR"}>
                <RoleOptions />
              </Select>
            )}
          </Field>
          <Field
            label={t("password")}
            id={fieldId("password")}
            error={errors.password}
            hint={t("passwordHint", { min: MIN_PASSWORD_LENGTH })}
          >
            {(control) => <Input {...control} name="password" type="password" autoComplete="new-password" />}
          </Field>
        </div>
        <Button type="submit" variant="primary" disabled={isPending}>
          {t("create")}
        </Button>
      </form>
      {state?.status === "ok" ? (
        <Alert tone="success">
          <p>{state.message}</p>
          {state.password ? <OneTimePassword password={state.password} testId="generated-password" /> : null}
        </Alert>
      ) : null}
    </div>
  );
}

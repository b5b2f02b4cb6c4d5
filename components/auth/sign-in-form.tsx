"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// next-auth reports its own failures as codes; errors thrown by our authorize() arrive as their message,
// already in the visitor's language (server/auth/options.ts).
const nextAuthCodes = { CredentialsSignin: "wrongCredentials", SessionRequired: "sessionRequired", Configuration: "misconfigured" } as const;

function nextAuthCode(error: string): (typeof nextAuthCodes)[keyof typeof nextAuthCodes] | undefined {
  return Object.hasOwn(nextAuthCodes, error) ? nextAuthCodes[error as keyof typeof nextAuthCodes] : undefined;
}

/** `callbackUrl` has been checked on the server (lib/safe-callback-url.ts): a path on this site. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const t = useTranslations("signIn");
  const [error, setError] = useState<string | null>(() => {
    // From next-auth's redirect (?error=CODE): only known codes are shown, so a crafted link cannot put
    // its own words on this page.
    if (!initialError) return null;
    const code = nextAuthCode(initialError);
    return code ? t(code) : t("failed");
  });
  const [isPending, startTransition] = useTransition();

  // onSubmit rather than <form action>: React resets a form after its action, which would clear the
  // email the user typed whenever the password was wrong.
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    startTransition(async () => {
      setError(null);
      try {
        const result = await signIn("credentials", { email, password, redirect: false });
        if (!result || result.error) {
          const code = result?.error ? nextAuthCode(result.error) : undefined;
          setError(code ? t(code) : (result?.error ?? t("failed")));
          return;
        }
        router.replace(callbackUrl);
        router.refresh();
      } catch {
        setError(t("offline"));
      }
    });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-5" aria-describedby={error ? "signin-error" : undefined}>
      {error ? (
        <Alert tone="error" testId="signin-error">
          <span id="signin-error">{error}</span>
        </Alert>
      ) : null}
      <Field label={t("email")} id="signin-email">
        {(control) => <Input {...control} name="email" type="email" autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus />}
      </Field>
      <Field label={t("password")} id="signin-password">
        {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={isPending}>
        {isPending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}

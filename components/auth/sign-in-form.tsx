"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

// next-auth reports its own failures as codes; errors thrown by our authorize() arrive as their message.
const nextAuthCodes: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Sign in to continue.",
  Configuration: "Sign-in is misconfigured on the server; tell your admin.",
};

function signInErrorMessage(error: string): string {
  return nextAuthCodes[error] ?? error;
}

/** `callbackUrl` has been checked on the server (lib/safe-callback-url.ts): a path on this site. */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    // From next-auth's redirect (?error=CODE): only known codes are shown, so a crafted link cannot put
    // its own words on this page.
    initialError ? (nextAuthCodes[initialError] ?? "Sign-in failed; try again.") : null,
  );
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
          setError(signInErrorMessage(result?.error ?? "Sign-in failed; try again."));
          return;
        }
        router.replace(callbackUrl);
        router.refresh();
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
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
      <Field label="Email" id="signin-email">
        {(control) => <Input {...control} name="email" type="email" autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus />}
      </Field>
      <Field label="Password" id="signin-password">
        {(control) => <Input {...control} name="password" type="password" autoComplete="current-password" />}
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}

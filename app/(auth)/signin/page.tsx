import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { safeCallbackUrl } from "@/lib/safe-callback-url";
import { getActor } from "@/server/auth/get-actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("metaTitle") };
}

type SignInPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  // Per request, never prerendered: reading the session needs the database and AUTH_SECRET.
  await connection();
  const { callbackUrl, error } = await searchParams;
  // Only a path on this site is followed after sign-in; anything else (another origin) goes home.
  const target = safeCallbackUrl(callbackUrl) ?? "/";
  if (await getActor()) redirect(target);
  const t = await getTranslations("signIn");

  return (
    <div className="w-full max-w-sm">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-sm text-muted-foreground">{t("tagline")}</p>
      <Card className="mt-6">
        <SignInForm callbackUrl={target} initialError={typeof error === "string" ? error : undefined} />
      </Card>
      <p className="mt-4 text-xs leading-relaxed text-muted-foreground">
        {t.rich("firstAdminHint", { code: (chunks) => <code className="font-mono">{chunks}</code> })}
      </p>
    </div>
  );
}

import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { clientMessages, type Messages } from "@/lib/i18n/catalogues";
import { NONCE_HEADER } from "@/lib/http/security-headers";
import { themeScript } from "@/components/theme/theme";
import { ZodWithoutEval } from "@/components/csp/zod-without-eval";
import { ThemeSync } from "@/components/theme/theme-sync";
import { HydrationMark } from "@/components/hydration-mark";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: { default: "Arbiter", template: "%s · Arbiter" }, description: (await getTranslations("shell"))("appDescription") };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0b0d" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts's per-request nonce, which the Content-Security-Policy requires of inline scripts. Reading
  // it renders every page per request, which they already were (each reads the session).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  // The user's saved language, else the browser's (server/i18n/request.ts).
  const locale = await getLocale();
  const t = await getTranslations("common");
  const messages = clientMessages((await getMessages()) as Messages);
  return (
    // The inline script sets class="dark" before React hydrates; suppressHydrationWarning accepts that
    // difference on <html> only (it does not reach its children).
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="bg-background text-foreground font-sans text-sm antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-foreground focus:shadow-lg focus:ring-1 focus:ring-border"
        >
          {t("skipToContent")}
        </a>
        <ZodWithoutEval />
        <ThemeSync />
        {/* Client components get the request's locale, time zone and their part of the catalogue from here. */}
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
        <HydrationMark />
      </body>
    </html>
  );
}

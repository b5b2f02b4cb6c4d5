import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Badge } from "@/components/ui/badge";
import type { Actor } from "@/server/authz/actor";
import { areasFor } from "./areas";
import { LocaleSwitch, type SetLocaleAction } from "./locale-switch";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The signed-in frame: a sidebar (a top bar on narrow screens) with the main navigation and the user. */
export async function AppShell({ actor, setLocale, children }: { actor: Actor; setLocale: SetLocaleAction; children: ReactNode }) {
  const t = await getTranslations();
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-border bg-surface px-4 py-3 md:sticky md:top-0 md:h-dvh md:w-60 md:shrink-0 md:flex-col md:flex-nowrap md:items-stretch md:border-r md:border-b-0 md:px-3 md:py-4">
        <Link href="/" className="rounded-md px-2.5 py-1 text-base font-semibold tracking-tight">
          {t("common.appName")}
        </Link>
        {/* Narrow screens: a top bar of two rows (brand and navigation, then the user), in the same order as the sidebar's. */}
        <nav aria-label={t("shell.mainNavigation")} className="min-w-0 flex-1 md:mt-4 md:flex-none">
          <NavLinks items={areasFor(actor).map(({ href, key }) => ({ href, label: t(`shell.areas.${key}.label`) }))} />
        </nav>
        <div className="flex w-full items-center justify-between gap-3 md:mt-auto md:w-auto md:flex-col md:items-stretch md:justify-start md:border-t md:border-border md:pt-4">
          <div className="flex min-w-0 items-center gap-2 px-2.5 md:block" data-testid="current-user">
            <p className="truncate text-sm font-medium">{actor.name}</p>
            <p className="hidden truncate text-xs text-muted-foreground sm:block">{actor.email}</p>
            <Badge tone="accent" className="md:mt-1.5">
              {t(`vocabulary.role.${actor.role}`)}
            </Badge>
          </div>
          <div className="flex flex-wrap items-center gap-2 md:justify-between md:px-1.5">
            <ThemeToggle />
            <LocaleSwitch action={setLocale} />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1">
        <div className="mx-auto w-full max-w-6xl px-6 py-8 md:px-10 md:py-10">{children}</div>
      </main>
    </div>
  );
}

import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/locale-actions";
import { LocaleSwitch } from "@/components/shell/locale-switch";
import { ThemeToggle } from "@/components/theme/theme-toggle";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-6 py-4">
        <span className="text-sm font-semibold tracking-tight">{t("appName")}</span>
        <span className="flex items-center gap-2">
          <ThemeToggle />
          <LocaleSwitch action={setLocaleAction} />
        </span>
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 items-start justify-center px-6 pt-[12vh] pb-16">
        {children}
      </main>
    </div>
  );
}

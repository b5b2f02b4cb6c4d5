import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";

/** A full-page message outside the app shell (403, 404, errors), with a way back. */
export function StatusPage({ code, title, children, action }: { code: string; title: string; children: ReactNode; action?: ReactNode }) {
  const t = useTranslations("status");
  return (
    <main id="main" tabIndex={-1} className="flex min-h-dvh items-center justify-center px-6 py-16">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-accent-text">{code}</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{title}</h1>
        <div className="mt-3 space-y-2 text-sm text-muted-foreground">{children}</div>
        <div className="mt-8 flex justify-center gap-3">
          {action ?? (
            <Link href="/" className={buttonClasses({ variant: "primary" })}>
              {t("home")}
            </Link>
          )}
        </div>
      </div>
    </main>
  );
}

import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { setLocaleAction } from "@/app/locale-actions";
import { requirePageActor } from "@/server/auth/page-guards";

// Redirects signed-out visitors for comfort; each page checks its own permission as well.
export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return <AppShell actor={actor} setLocale={setLocaleAction}>{children}</AppShell>;
}

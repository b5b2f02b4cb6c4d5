import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { setLocaleAction } from "@/app/locale-actions";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canManageUsers } from "@/lib/authz/permissions";

// Admin pages only. Redirects and refuses for comfort; each page checks its own permission as well.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requirePagePermission(canManageUsers);
  return <AppShell actor={actor} setLocale={setLocaleAction}>{children}</AppShell>;
}

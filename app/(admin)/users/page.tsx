import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "@/components/users/create-user-form";
import type { UserRowData } from "@/components/users/user-action-state";
import { UsersTable } from "@/components/users/users-table";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canManageUsers } from "@/lib/authz/permissions";
import { listUsers } from "@/server/services/users/list-users";
import { createUserAction, resetUserPasswordAction, setUserDisabledAction, updateUserRoleAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("metaTitle") };
}

export default async function UsersPage() {
  const actor = await requirePagePermission(canManageUsers);
  const users = await listUsers({ actor });
  // By email only: rows stay where they are when someone is disabled, so keyboard focus is not thrown around.
  const rows: UserRowData[] = users
    .map((user) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      isDisabled: user.disabledAt !== null,
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    }))
    .sort((a, b) => a.email.localeCompare(b.email));
  const activeCount = rows.filter((row) => !row.isDisabled).length;
  const t = await getTranslations("users");

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-10">
        <section aria-labelledby="create-user-heading">
          <Card>
            <CardTitle id="create-user-heading">{t("createTitle")}</CardTitle>
            <CardDescription>{t("createDescription")}</CardDescription>
            <div className="mt-5">
              <CreateUserForm action={createUserAction} />
            </div>
          </Card>
        </section>
        <section aria-labelledby="user-list-heading" className="space-y-3">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="user-list-heading" className="text-base font-semibold">
              {t("allUsers")}
            </h2>
            <p className="text-sm text-muted-foreground">
              {t("count", { count: rows.length, active: activeCount })}
            </p>
          </div>
          <UsersTable
            users={rows}
            currentUserId={actor.id}
            actions={{ updateRole: updateUserRoleAction, setDisabled: setUserDisabledAction, resetPassword: resetUserPasswordAction }}
          />
        </section>
      </div>
    </>
  );
}

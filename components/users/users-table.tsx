"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { OneTimePassword } from "./one-time-password";
import { RoleOptions } from "./role-options";
import type { UserAction, UserActionState, UserRowData } from "./user-action-state";

export type UserRowActions = { updateRole: UserAction; setDisabled: UserAction; resetPassword: UserAction };

type RowCommand = { kind: "role"; role: string } | { kind: "disabled"; disabled: boolean } | { kind: "reset-password" };

/** Date and time in UTC, cut from the ISO string: the same on server and client (no locale or time zone of either), so hydration matches. */
function Timestamp({ iso }: { iso: string }) {
  const t = useTranslations("users");
  const at = new Date(iso);
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      <span className="block">{t("date", { at })}</span>
      <span className="block text-xs text-muted-foreground">{t("time", { at })}</span>
    </time>
  );
}

export function UsersTable({ users, currentUserId, actions }: { users: UserRowData[]; currentUserId: string; actions: UserRowActions }) {
  const t = useTranslations("users");
  return (
    <Table caption={t("caption")}>
      <TableHead>
        <tr>
          <TableHeaderCell>{t("name")}</TableHeaderCell>
          <TableHeaderCell>{t("email")}</TableHeaderCell>
          <TableHeaderCell>{t("role")}</TableHeaderCell>
          <TableHeaderCell>{t("status")}</TableHeaderCell>
          <TableHeaderCell>{t("lastSignIn")}</TableHeaderCell>
          <TableHeaderCell>{t("actions")}</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {users.map((user) => (
          <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} actions={actions} />
        ))}
      </TableBody>
    </Table>
  );
}

function UserRow({ user, isSelf, actions }: { user: UserRowData; isSelf: boolean; actions: UserRowActions }) {
  const t = useTranslations("users");
  const emailId = useId();
  const roleSelect = useRef<HTMLSelectElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const [selectedRole, setSelectedRole] = useState<string>(user.role);
  const [roleShown, setRoleShown] = useState<string>(user.role);
  const [isConfirmingReset, setIsConfirmingReset] = useState(false);
  // Where the keyboard goes after the confirm step opens or closes (the focused button is replaced).
  const focusAfterRender = useRef<"confirm" | "reset" | null>(null);

  // The saved role changed on the server (this form or another admin): show it.
  if (user.role !== roleShown) {
    setRoleShown(user.role);
    setSelectedRole(user.role);
  }

  // One action state per row, so the row shows the outcome of its latest action only. The previous
  // state is not passed to the server: it may hold a one-time password.
  const [state, dispatch, isPending] = useActionState<UserActionState | null, RowCommand>(async (_previous, command) => {
    const formData = new FormData();
    formData.set("userId", user.id);
    if (command.kind === "role") {
      formData.set("role", command.role);
      const result = await actions.updateRole(null, formData);
      // Refused: show the saved role again. Either way the Save button goes, so keep the keyboard on the select.
      if (result.status === "error") setSelectedRole(user.role);
      roleSelect.current?.focus();
      return result;
    }
    if (command.kind === "disabled") {
      formData.set("disabled", String(command.disabled));
      return actions.setDisabled(null, formData);
    }
    return actions.resetPassword(null, formData);
  }, null);

  function run(command: RowCommand) {
    if (isPending) return;
    startTransition(() => dispatch(command));
  }

  useEffect(() => {
    if (focusAfterRender.current === "confirm") confirmButton.current?.focus();
    if (focusAfterRender.current === "reset") resetButton.current?.focus();
    focusAfterRender.current = null;
  });

  const isRoleChanged = selectedRole !== user.role;
  const mutedWhenDisabled = user.isDisabled ? "text-muted-foreground" : undefined;

  return (
    <TableRow data-testid={`user-row-${user.email}`} data-role={user.role} data-disabled={user.isDisabled ? "true" : undefined} className={user.isDisabled ? "bg-surface-muted/60" : undefined}>
      {/* Text cells are one control high (leading-8 / min-h-8), so that they line up with the selects and buttons. */}
      <TableCell className={cx("font-medium", mutedWhenDisabled)}>
        <span className="inline-flex min-h-8 flex-wrap items-center gap-2">
          {user.name}
          {isSelf ? <Badge tone="accent">{t("you")}</Badge> : null}
        </span>
      </TableCell>
      <TableCell className={cx("leading-8 whitespace-nowrap", mutedWhenDisabled)}>
        <span id={emailId}>{user.email}</span>
      </TableCell>
      <TableCell>
        <form
          className="flex items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            run({ kind: "role", role: selectedRole });
          }}
        >
          <Select
            ref={roleSelect}
            aria-label={t("roleFor", { email: user.email })}
            name="role"
            value={selectedRole}
            onChange={(event) => setSelectedRole(event.target.value)}
            wrapperClassName="w-32"
            className="h-8"
          >
            <RoleOptions withDescriptions={false} />
          </Select>
          {isRoleChanged ? (
            <Button type="submit" size="sm" variant="primary" aria-label={t("saveRole")} aria-describedby={emailId} aria-disabled={isPending || undefined}>
              {t("save")}
            </Button>
          ) : null}
        </form>
      </TableCell>
      <TableCell>
        <span className="flex min-h-8 items-center">{user.isDisabled ? <Badge>{t("disabled")}</Badge> : <Badge tone="success">{t("active")}</Badge>}</span>
      </TableCell>
      <TableCell className={user.lastSignInAt ? undefined : "leading-8 text-muted-foreground"}>{user.lastSignInAt ? <Timestamp iso={user.lastSignInAt} /> : t("never")}</TableCell>
      <TableCell>
        <div className="flex min-h-8 flex-wrap items-center gap-2">
          <Button
            size="sm"
            aria-describedby={emailId}
            aria-disabled={isPending || undefined}
            onClick={() => run({ kind: "disabled", disabled: !user.isDisabled })}
          >
            {user.isDisabled ? t("enable") : t("disable")}
          </Button>
          {isConfirmingReset ? (
            <div role="group" aria-label={t("resetGroup", { email: user.email })} className="flex flex-wrap items-center gap-2">
              <span className="text-xs text-muted-foreground">{isSelf ? t("yourSessionsEnd") : t("theirSessionsEnd")}</span>
              <Button
                ref={confirmButton}
                size="sm"
                variant="danger"
                onClick={() => {
                  setIsConfirmingReset(false);
                  focusAfterRender.current = "reset";
                  run({ kind: "reset-password" });
                }}
              >
                {t("confirmReset")}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setIsConfirmingReset(false);
                  focusAfterRender.current = "reset";
                }}
              >
                {t("cancel")}
              </Button>
            </div>
          ) : (
            <Button
              ref={resetButton}
              size="sm"
              aria-describedby={emailId}
              aria-disabled={isPending || undefined}
              onClick={() => {
                if (isPending) return;
                setIsConfirmingReset(true);
                focusAfterRender.current = "confirm";
              }}
            >
              {t("resetPassword")}
            </Button>
          )}
        </div>
        <RowOutcome state={state} isPending={isPending} />
      </TableCell>
    </TableRow>
  );
}

function RowOutcome({ state, isPending }: { state: UserActionState | null; isPending: boolean }) {
  const t = useTranslations("users");
  if (isPending) {
    return (
      <p role="status" className="mt-2 text-xs text-muted-foreground">
        {t("saving")}
      </p>
    );
  }
  if (!state) return null;
  if (state.status === "error") {
    return (
      <Alert tone="error" testId="user-error" className="mt-2 max-w-72 px-2.5 py-1.5 text-xs">
        {state.message}
      </Alert>
    );
  }
  return (
    <Alert tone="success" className="mt-2 max-w-72 px-2.5 py-1.5 text-xs">
      <p>{state.message}</p>
      {state.password ? <OneTimePassword password={state.password} testId="reset-password" /> : null}
    </Alert>
  );
}

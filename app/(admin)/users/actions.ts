"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { roleLabels } from "@/lib/vocabulary";
import type { UserActionState } from "@/components/users/user-action-state";
import { requireActor } from "@/server/auth/get-actor";
import { createUser } from "@/server/services/users/create-user";
import { resetUserPassword } from "@/server/services/users/reset-user-password";
import { updateUser } from "@/server/services/users/update-user";
import { formText } from "@/lib/forms/form-data";

// Each action: authenticate, call the service (which checks the permission and validates the input),
// refresh the page, and shape the reply. AppErrors become form state; anything else is a bug and goes to
// the error page (and the server log).

export async function createUserAction(_previous: UserActionState | null, formData: FormData): Promise<UserActionState> {
  const values = { email: formText(formData, "email") ?? "", name: formText(formData, "name") ?? "", role: formText(formData, "role") ?? "" };
  try {
    const actor = await requireActor();
    const { user, generatedPassword } = await createUser({ actor, input: { ...values, password: formText(formData, "password") ?? "" } });
    revalidatePath("/users");
    return {
      status: "ok",
      message: generatedPassword ? `Created ${user.email}. Give them this password:` : `Created ${user.email} with the password you chose.`,
      ...(generatedPassword ? { password: generatedPassword } : {}),
    };
  } catch (error) {
    return actionFailure(error, values);
  }
}

export async function updateUserRoleAction(_previous: UserActionState | null, formData: FormData): Promise<UserActionState> {
  try {
    const actor = await requireActor();
    const user = await updateUser({ actor, userId: formText(formData, "userId") ?? "", input: { role: formText(formData, "role") } });
    revalidatePath("/users");
    return { status: "ok", message: `${user.email} now has the ${roleLabels[user.role]} role.` };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function setUserDisabledAction(_previous: UserActionState | null, formData: FormData): Promise<UserActionState> {
  try {
    const actor = await requireActor();
    const disabled = formText(formData, "disabled") === "true";
    const user = await updateUser({ actor, userId: formText(formData, "userId") ?? "", input: { disabled } });
    revalidatePath("/users");
    return { status: "ok", message: disabled ? `${user.email} is disabled and signed out.` : `${user.email} can sign in again.` };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function resetUserPasswordAction(_previous: UserActionState | null, formData: FormData): Promise<UserActionState> {
  try {
    const actor = await requireActor();
    const { password } = await resetUserPassword({ actor, userId: formText(formData, "userId") ?? "" });
    revalidatePath("/users");
    return { status: "ok", message: "New password (their open sessions have ended):", password };
  } catch (error) {
    return actionFailure(error);
  }
}

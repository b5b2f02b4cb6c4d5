"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
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
    const t = await getTranslations("users");
    return {
      status: "ok",
      message: generatedPassword ? t("createdGenerated", { email: user.email }) : t("createdChosen", { email: user.email }),
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
    const t = await getTranslations();
    return { status: "ok", message: t("users.roleChanged", { email: user.email, role: t(`vocabulary.role.${user.role}`) }) };
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
    const t = await getTranslations("users");
    return { status: "ok", message: disabled ? t("disabledMessage", { email: user.email }) : t("enabledMessage", { email: user.email }) };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function resetUserPasswordAction(_previous: UserActionState | null, formData: FormData): Promise<UserActionState> {
  try {
    const actor = await requireActor();
    const { password } = await resetUserPassword({ actor, userId: formText(formData, "userId") ?? "" });
    revalidatePath("/users");
    return { status: "ok", message: (await getTranslations("users"))("resetMessage"), password };
  } catch (error) {
    return actionFailure(error);
  }
}

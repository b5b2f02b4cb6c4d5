"use server";

import { actionFailure } from "@/server/http/action-failure";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ExportFormState, TokenFormState } from "@/components/exports/export-action-state";
import { formValues, settingsFromForm } from "@/lib/export/form-settings";
import { exportFormats } from "@/lib/export/formats";
import { exportSettingsSchema } from "@/lib/export/settings";
import { requireActor } from "@/server/auth/get-actor";
import { AppError } from "@/server/errors";
import { createApiToken } from "@/server/services/api-tokens/create-api-token";
import { revokeApiToken } from "@/server/services/api-tokens/revoke-api-token";
import { cancelExport } from "@/server/services/exports/cancel-export";
import { createExport } from "@/server/services/exports/create-export";
import { previewExport } from "@/server/services/exports/preview-export";

// Each action: authenticate, call the service (it checks canExport and validates), shape the reply.
// "Start export" takes the engineer to the new export's page, which follows its progress.
export async function exportFormAction(_previous: ExportFormState | null, formData: FormData): Promise<ExportFormState> {
  let createdId: string;
  try {
    const actor = await requireActor();
    const input = settingsFromForm(formValues(formData));
    if (formData.get("intent") === "preview") {
      const preview = await previewExport({ actor, input });
      const format = exportFormats[exportSettingsSchema.shape.format.parse(input.format)];
      return { status: "preview", preview: { ...preview, format: { name: format.name, kind: format.kind }, skipped: Object.fromEntries(Object.entries(preview.skipped).map(([k, v]) => [k, v ?? 0])) } };
    }
    const created = await createExport({ actor, input });
    revalidatePath("/exports");
    createdId = created.id;
  } catch (error) {
    return actionFailure(error);
  }
  // Outside the try: redirect() throws Next's own signal, which must not be taken for a failure.
  redirect(`/exports/${createdId}`);
}

export async function createTokenAction(_previous: TokenFormState | null, formData: FormData): Promise<TokenFormState> {
  try {
    const actor = await requireActor();
    const expires = formData.get("expiresInDays");
    const { token, info } = await createApiToken({ actor, input: { name: formData.get("name"), ...(typeof expires === "string" && expires ? { expiresInDays: expires } : {}) } });
    revalidatePath("/exports");
    return { status: "created", token, name: info.name };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function revokeTokenAction(_previous: TokenFormState | null, formData: FormData): Promise<TokenFormState> {
  try {
    const actor = await requireActor();
    await revokeApiToken({ actor, tokenId: String(formData.get("tokenId") ?? "") });
    revalidatePath("/exports");
    return { status: "ok", message: (await getTranslations("exports.tokens"))("revokedMessage") };
  } catch (error) {
    return actionFailure(error);
  }
}

/** The history's Cancel button: a queued export ends at once, a running one after its current page. */
export async function cancelExportAction(formData: FormData): Promise<void> {
  const actor = await requireActor();
  try {
    await cancelExport({ actor, exportId: String(formData.get("exportId") ?? "") });
  } catch (error) {
    // Finished meanwhile (409): the refreshed history shows how it ended.
    if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
  }
  revalidatePath("/exports");
}

import "server-only";
import type { ActionFailure } from "@/lib/forms/action-state";
import { errorText } from "@/lib/i18n/translate";
import { AppError } from "../errors";
import { getRequestLocale } from "../i18n/locale";
import { logRefusal } from "./log-refusal";

export type { ActionFailure };

/**
 * For server actions: an AppError becomes the form's error state (message in the user's language, field
 * errors, and the values to refill the form with); anything else is rethrown to the error page.
 */
export async function actionFailure(error: unknown, values?: Record<string, string>): Promise<ActionFailure> {
  logRefusal("a server action", error);
  if (error instanceof AppError) {
    const message = error.key ? errorText(await getRequestLocale(), error.key, error.params, error.message) : error.message;
    return { status: "error", message, ...(error.fields ? { fields: error.fields } : {}), ...(values ? { values } : {}) };
  }
  throw error;
}

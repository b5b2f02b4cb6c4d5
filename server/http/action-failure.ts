import "server-only";
import type { ActionFailure } from "@/lib/forms/action-state";
import { errorText } from "@/lib/i18n/translate";
import { describeFieldProblems } from "@/lib/schemas/field-errors";
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
    const locale = await getRequestLocale();
    const fields = error.fieldReasons ? Object.fromEntries(Object.entries(error.fieldReasons).map(([field, reason]) => [field, errorText(locale, reason.key, reason.params)])) : undefined;
    // A list of field problems is rebuilt from the translated problems; any other reason is translated whole.
    const params = error.key === "invalidFields" && fields ? { problems: describeFieldProblems(fields) } : error.params;
    const message = error.key ? errorText(locale, error.key, params, error.message) : error.message;
    return { status: "error", message, ...(fields ? { fields } : {}), ...(values ? { values } : {}) };
  }
  throw error;
}

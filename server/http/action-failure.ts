import "server-only";
import type { ActionFailure } from "@/lib/forms/action-state";
import { catalogues } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";
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
    const locale = await getRequestLocale();
    const fields = error.fieldReasons ? Object.fromEntries(Object.entries(error.fieldReasons).map(([field, reason]) => [field, errorText(locale, reason.key, reason.params)])) : undefined;
    // A list of field problems is rebuilt from the translated problems; any other reason is translated whole.
    const params = error.key === "invalidFields" && fields ? { problems: fieldSummary(locale, fields) } : error.params;
    const message = error.key ? errorText(locale, error.key, params, error.message) : error.message;
    return { status: "error", message, ...(fields ? { fields } : {}), ...(values ? { values } : {}) };
  }
  throw error;
}

/**
 * The form's summary of its field problems in the user's language. A problem that does not name its
 * field in words ("already in use") gets the field's name before it; most already do ("enter a name").
 */
function fieldSummary(locale: Locale, fields: Record<string, string>): string {
  const labels: Record<string, string> = catalogues[locale].errors.fieldLabel;
  return Object.entries(fields)
    .map(([field, problem]) => {
      if (field === "form") return problem;
      const label = Object.hasOwn(labels, field) ? labels[field]! : field;
      return problem.includes(label) ? problem : errorText(locale, "field.labelled", { label, problem });
    })
    .join(errorText(locale, "field.separator", undefined));
}

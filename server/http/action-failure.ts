import "server-only";
import type { ActionFailure } from "@/lib/forms/action-state";
import { AppError } from "../errors";
import { logRefusal } from "./log-refusal";

export type { ActionFailure };

/**
 * For server actions: an AppError becomes the form's error state (message, field errors, and the
 * values to refill the form with); anything else is rethrown to the error page.
 */
export function actionFailure(error: unknown, values?: Record<string, string>): ActionFailure {
  logRefusal("a server action", error);
  if (error instanceof AppError) return { status: "error", message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...(values ? { values } : {}) };
  throw error;
}

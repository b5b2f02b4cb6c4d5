import "server-only";
import { forbidden, notFound } from "next/navigation";
import { AppError } from "@/server/errors";

/**
 * A service's NOT_FOUND becomes the 404 page and its FORBIDDEN the 403 page (not the error page with a
 * stack trace in the log); anything else goes on to the error page.
 */
export async function loadOrNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/server/errors";

/** A service's NOT_FOUND becomes the 404 page; anything else goes on to the error page. */
export async function loadOrNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

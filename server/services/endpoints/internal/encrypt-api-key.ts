import "server-only";
import { EncryptionKeyError } from "../../../crypto/secret-box";
import { AppError } from "../../../errors";

/** A missing or wrong ARBITER_ENCRYPTION_KEY becomes a message for the admin (naming the variable, never a value). */
export function encryptOrExplain<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof EncryptionKeyError) throw new AppError("INTERNAL", { key: "endpoints.keysUnusable", params: { reason: error.message } });
    throw error;
  }
}

const MAX_CALLBACK_LENGTH = 2048;
const BASE = "http://arbiter.invalid";

/**
 * `value` if it is a path on this site to return to after sign-in, else null. Only relative paths
 * pass: "//host" and "/\host" are read by browsers as another origin, and browsers drop tabs and
 * newlines from URLs, so "/\t/host" would become "//host" too.
 */
export function safeCallbackUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_CALLBACK_LENGTH) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  try {
    if (new URL(value, BASE).origin !== BASE) return null;
  } catch {
    return null;
  }
  return value;
}

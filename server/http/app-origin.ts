import "server-only";
import { normalizeOrigin } from "@/lib/http/write-request";
import { getPublicUrl } from "../config";

/**
 * The origin the app's own pages are served from: NEXTAUTH_URL (what users type, also behind a
 * proxy), or else the address this request was made to.
 */
export function appOrigin(request: Request): string {
  const configured = getPublicUrl();
  return normalizeOrigin(configured ?? new URL(request.url).origin);
}

import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS_VALUE, isServedOverHttps, NONCE_HEADER } from "./lib/http/security-headers";
import { REQUEST_PATH_HEADER } from "./lib/http/request-path";
import { FORM_TOO_LARGE_MESSAGE, MAX_FORM_BYTES } from "./lib/http/write-request";

/**
 * For every page:
 * - a Content-Security-Policy with a fresh nonce. Next reads the nonce from the request's own CSP header
 *   and puts it on its scripts; the root layout reads it from NONCE_HEADER for its theme script.
 * - Strict-Transport-Security when the app is reached over HTTPS (README "Deploying behind TLS").
 * - the path that was asked for (Next gives layouts and pages no URL), so that
 *   server/auth/page-guards.ts can redirect a signed-out visitor to /signin?callbackUrl=<path>.
 * It decides nothing: authentication and authorization happen in the pages and services.
 */
export function proxy(request: NextRequest) {
  // A server action over Next's body limit would otherwise be answered 500 and shown as "Something went
  // wrong". Answered here from Content-Length (browsers always send one with a form), before the body
  // is read; Next's client throws the text/plain message, which app/error.tsx shows.
  if (request.method === "POST" && request.headers.has("next-action") && Number(request.headers.get("content-length") ?? "0") > MAX_FORM_BYTES) {
    return new NextResponse(FORM_TOO_LARGE_MESSAGE, { status: 413, headers: { "content-type": "text/plain" } });
  }
  const { pathname, searchParams } = request.nextUrl;
  // Next's own cache-busting parameter on client navigations is not part of the page's address.
  searchParams.delete("_rsc");
  const query = searchParams.toString();
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy({ nonce, isDev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, query ? `${pathname}?${query}` : pathname);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  // Browsers remember it for the host from any page; the API and assets need not repeat it.
  const isHttps = isServedOverHttps({
    isTlsSocket: false, // scripts/serve.mjs speaks plain HTTP; TLS ends at a proxy in front of it
    forwardedProto: request.headers.get("x-forwarded-proto") ?? undefined,
    trustProxy: ["1", "true"].includes(String(process.env.TRUST_PROXY)),
    publicUrl: process.env.NEXTAUTH_URL,
  });
  if (isHttps) response.headers.set("strict-transport-security", HSTS_VALUE);
  return response;
}

export const config = {
  // Pages only: not the API, Next's assets or files with an extension.
  matcher: ["/((?!api/|_next/|.*\\.[^/]+$).*)"],
};

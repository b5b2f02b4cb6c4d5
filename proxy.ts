import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "./lib/http/request-path";

/**
 * Tells pages which path was asked for (Next gives layouts and pages no URL), so that
 * server/auth/page-guards.ts can redirect a signed-out visitor to /signin?callbackUrl=<path>. It
 * decides nothing: authentication and authorization happen in the pages and services.
 */
export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  // Next's own cache-busting parameter on client navigations is not part of the page's address.
  searchParams.delete("_rsc");
  const query = searchParams.toString();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, query ? `${pathname}?${query}` : pathname);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

export const config = {
  // Pages only: not the API, Next's assets or files with an extension.
  matcher: ["/((?!api/|_next/|.*\\.[^/]+$).*)"],
};

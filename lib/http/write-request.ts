// Rules for requests that change state (POST, PUT, PATCH, DELETE), applied by the route wrapper in
// server/http/route.ts. Pure, so that the header rules are tested without a server.

/** Methods that may change state; GET, HEAD and OPTIONS must not, and are never checked. */
export function isStateChanging(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** 1 MiB: the body limit of every JSON API unless its route states another. */
export const DEFAULT_MAX_JSON_BYTES = 1024 * 1024;

export type WriteRequestHeaders = {
  origin: string | null;
  secFetchSite: string | null;
  contentType: string | null;
  authorization: string | null;
};

export type WriteRequestRules = {
  /** The app's own origin (scheme, host and port), e.g. `https://arbiter.example.com`. */
  appOrigin: string;
  /** JSON APIs require `Content-Type: application/json`; a streamed upload (import) does not. */
  body: "json" | "any";
};

/**
 * Why a cookie-authenticated write is refused as possibly cross-site, or undefined when it may go on.
 *
 * - A request carrying `Authorization` is exempt: a page on another origin cannot add that header
 *   without a CORS preflight, which this app never grants, and the route then authenticates by it.
 * - `Content-Type: application/json` is required of JSON APIs: a cross-site form or a "simple" fetch
 *   can only send text/plain, form-encoded or multipart bodies.
 * - The browser's `Origin` must be the app's own origin. Without `Origin`, `Sec-Fetch-Site:
 *   same-origin` is accepted (browsers send one of the two on every write; plain HTTP clients neither,
 *   and they must then send Origin themselves or use a token).
 */
export function crossSiteWriteProblem(headers: WriteRequestHeaders, rules: WriteRequestRules): string | undefined {
  if (headers.authorization !== null && headers.authorization.trim() !== "") return undefined;
  if (rules.body === "json" && !isJsonContentType(headers.contentType)) {
    return `Refused: a request that changes data must send Content-Type: application/json${headers.contentType ? ` (this one sent ${headers.contentType.slice(0, 100)})` : " (this one sent none)"}.`;
  }
  const expected = normalizeOrigin(rules.appOrigin);
  if (headers.origin !== null && headers.origin !== "") {
    if (normalizeOrigin(headers.origin) === expected) return undefined;
    return `Refused: this request came from ${headers.origin.slice(0, 200)}, not from ${expected}; changes are only accepted from the app's own pages.`;
  }
  if (headers.secFetchSite === "same-origin") return undefined;
  return `Refused: a request that changes data must come from the app's own pages (an Origin header equal to ${expected}), or authenticate with Authorization: Bearer <API token>.`;
}

export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const essence = contentType.split(";")[0]!.trim().toLowerCase();
  return essence === "application/json";
}

/** `scheme://host[:port]` in lower case, without a default port; the input unchanged when it is not a URL. */
export function normalizeOrigin(origin: string): string {
  try {
    const url = new URL(origin);
    return url.origin === "null" ? origin : url.origin;
  } catch {
    return origin;
  }
}

/** A byte limit for a message: "1 MiB", "512 MiB", "16 KiB", or exact bytes. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ",")} bytes`;
}

/** Server actions (the forms): next.config.mjs's serverActions.bodySizeLimit, "1mb". */
export const MAX_FORM_BYTES = 1024 * 1024;

/**
 * What a form over MAX_FORM_BYTES is answered with (413, text/plain, which Next's client turns into the
 * error it throws), and what app/error.tsx recognises to show it instead of "Something went wrong".
 */
export const FORM_TOO_LARGE_MESSAGE = "This form sends more than the 1 MiB limit for a form. Shorten the text; import large files through Import on the prompt set's page.";

// The Content-Security-Policy of every page (set by proxy.ts with a fresh nonce per request) and the
// HTTPS rule for Strict-Transport-Security (applied by scripts/serve.mjs). Pure, so both are tested
// without a server.

/** The request header proxy.ts passes the nonce to the root layout in (its inline theme script needs it). */
export const NONCE_HEADER = "x-nonce";

/**
 * Scripts: only this app's own files and inline scripts carrying the request's nonce ('strict-dynamic'
 * lets those load Next's chunks); no 'unsafe-eval' except for the dev server's hot reload. Styles allow
 * inline: KaTeX and React render `style` attributes, which nonces cannot cover; CSS cannot run code.
 * Images: this app and data: URLs only (model output never loads remote images). Nothing may frame the app.
 */
export function contentSecurityPolicy({ nonce, isDev }: { nonce: string; isDev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** One year, as browsers' preload lists expect; no includeSubDomains: other hosts of the domain are not ours to decide. */
export const HSTS_VALUE = "max-age=31536000";

/**
 * Whether the browser reached the app over HTTPS: the connection itself, the proxy's X-Forwarded-Proto
 * when TRUST_PROXY says the proxy is ours, or a public URL (NEXTAUTH_URL) that is https.
 */
export function isServedOverHttps({ isTlsSocket, forwardedProto, trustProxy, publicUrl }: { isTlsSocket: boolean; forwardedProto: string | undefined; trustProxy: boolean; publicUrl: string | undefined }): boolean {
  if (isTlsSocket) return true;
  if (trustProxy && forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return Boolean(publicUrl?.trim().toLowerCase().startsWith("https://"));
}

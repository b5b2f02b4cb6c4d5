// Pure (not in server/): proxy.ts imports this, and the proxy is bundled without the react-server
// condition that the server-only package needs.

/**
 * The request header that proxy.ts sets to the requested path and query, so that a page or layout
 * (which Next does not tell its URL) can send a signed-out visitor to /signin?callbackUrl=<that path>.
 * The proxy overwrites whatever a client sends under this name.
 */
export const REQUEST_PATH_HEADER = "x-arbiter-request-path";

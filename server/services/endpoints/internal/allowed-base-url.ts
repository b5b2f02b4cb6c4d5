import "server-only";
import { AppError } from "../../../errors";
import { refusedLiteralHost } from "../../../generation/outbound-fetch";

/**
 * Refuses, when it is saved, a base URL whose host is an address the outbound policy forbids. Host
 * names are checked again on every connection, on the address they resolve to then.
 */
export function assertAllowedBaseUrl(baseUrl: string): void {
  const reason = refusedLiteralHost(baseUrl);
  if (reason) throw new AppError("BAD_REQUEST", { key: "endpoints.baseUrlRefused", params: { reason } }, { baseUrl: reason });
}

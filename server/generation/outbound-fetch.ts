import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { outboundPolicy, refusedAddress, type OutboundPolicy } from "./outbound-policy";

/** A model server address the policy refuses: never retried, and said plainly. */
export class OutboundRefusedError extends Error {
  constructor(host: string, reason: string) {
    super(`Refused to connect to ${host}: ${reason}.`);
    this.name = "OutboundRefusedError";
  }
}

let cached: { key: string; policy: OutboundPolicy } | undefined;

/** The operator's policy (ARBITER_ENDPOINT_ALLOW / _DENY), parsed again only when they change. */
export function currentOutboundPolicy(): OutboundPolicy {
  const env = { ARBITER_ENDPOINT_ALLOW: process.env.ARBITER_ENDPOINT_ALLOW, ARBITER_ENDPOINT_DENY: process.env.ARBITER_ENDPOINT_DENY };
  const key = JSON.stringify(env);
  if (cached?.key !== key) cached = { key, policy: outboundPolicy(env) };
  return cached.policy;
}

/** Why a URL's host, when it is an IP address, may not be called (names are checked when they resolve). */
export function refusedLiteralHost(url: string): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return isIP(host) === 0 ? undefined : refusedAddress(host, currentOutboundPolicy());
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup, then the policy on every address the name resolved to, at connect time: a name that
 * resolves to a metadata address (or is made to, between a check and the call) is refused.
 */
function checkedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    for (const { address } of list) {
      const reason = refusedAddress(address, currentOutboundPolicy());
      if (reason) return callback(Object.assign(new OutboundRefusedError(hostname, reason), { code: "EARBITERREFUSED" }), []);
    }
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} resolved to no address`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}

// One pool of connections for every model server; each new connection goes through checkedLookup.
let agent: Agent | undefined;
function outboundAgent(): Agent {
  // Keep-alive as undici's (and global fetch's) defaults: 4 s, or less when the server says so.
  agent ??= new Agent({ connect: { lookup: checkedLookup as never } });
  return agent;
}

/**
 * fetch for model servers: the address policy on IP hosts before the call and on resolved names at
 * connect time, and redirects never followed (a 3xx is returned as it is, for the caller to refuse).
 */
export async function outboundFetch(url: string, init: RequestInit): Promise<Response> {
  const literal = refusedLiteralHost(url);
  if (literal) throw new OutboundRefusedError(new URL(url).host, literal);
  try {
    return (await undiciFetch(url, { ...(init as UndiciRequestInit), redirect: "manual", dispatcher: outboundAgent() })) as unknown as Response;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof OutboundRefusedError) throw cause;
    throw error;
  }
}

import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { STATUS_CODES } from "node:http";
import { Agent, request } from "undici";
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

// The verdict on a URL's literal host, per policy: a worker calls the same few URLs hundreds of times a
// second, and parsing each one and checking three BlockLists cost more than the rest of the request setup.
const literalVerdicts = new WeakMap<OutboundPolicy, Map<string, string | undefined>>();

/** Why a URL's host, when it is an IP address, may not be called (names are checked when they resolve). */
export function refusedLiteralHost(url: string): string | undefined {
  const policy = currentOutboundPolicy();
  let verdicts = literalVerdicts.get(policy);
  if (!verdicts) literalVerdicts.set(policy, (verdicts = new Map()));
  if (verdicts.has(url)) return verdicts.get(url);
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const verdict = isIP(host) === 0 ? undefined : refusedAddress(host, policy);
  if (verdicts.size >= 1_000) verdicts.clear();
  verdicts.set(url, verdict);
  return verdict;
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

export type OutboundResponse = {
  status: number;
  statusText: string;
  /** A response header (the first value when repeated), or null. */
  header(name: string): string | null;
  text(): Promise<string>;
  /** Reads and drops the body, so that the connection can be reused. */
  discard(): Promise<void>;
};

export type OutboundInit = { method: "GET" | "POST"; headers: Record<string, string>; body?: string; signal: AbortSignal };

/**
 * One HTTP request to a model server: the address policy on IP hosts before the call and on resolved
 * names at connect time, and redirects never followed (a 3xx is returned as it is, for the caller to
 * refuse). undici's request() rather than fetch(): a worker makes hundreds of these a second, and
 * fetch's Request/Response objects and web streams cost several times more CPU per call for nothing
 * we use (profile of bench:generation at C=64, L=100 ms).
 */
export async function outboundRequest(url: string, init: OutboundInit): Promise<OutboundResponse> {
  const literal = refusedLiteralHost(url);
  if (literal) throw new OutboundRefusedError(new URL(url).host, literal);
  try {
    const response = await request(url, { method: init.method, headers: init.headers, body: init.body, signal: init.signal, dispatcher: outboundAgent(), maxRedirections: 0 });
    return {
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? "",
      header: (name) => {
        const value = response.headers[name.toLowerCase()];
        return (Array.isArray(value) ? value[0] : value) ?? null;
      },
      text: () => response.body.text(),
      discard: () => response.body.dump(),
    };
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof OutboundRefusedError) throw cause;
    throw error;
  }
}

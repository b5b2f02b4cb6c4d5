import { BlockList, isIP } from "node:net";

// Which addresses the app and the worker may call as a model server. Loopback and private networks
// are the normal case (a local vLLM or llama.cpp) and stay allowed; link-local addresses, where cloud
// providers serve instance metadata and credentials, are refused unless the operator allows them.

/** Refused by default: IPv4 link-local (169.254.169.254 is AWS/GCP/Azure metadata), IPv6 link-local, AWS's IPv6 metadata. */
export const DEFAULT_DENIED_CIDRS = ["169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128"] as const;

export type OutboundPolicy = {
  /** Operator's ARBITER_ENDPOINT_ALLOW: let these through although the defaults refuse them. */
  allow: BlockList;
  /** Operator's ARBITER_ENDPOINT_DENY: refuse these as well; wins over allow. */
  deny: BlockList;
  defaults: BlockList;
};

/** "10.0.0.0/8, fd00::/8, 192.0.2.7" -> a BlockList; throws naming the variable and the bad entry. */
export function parseCidrList(value: string | undefined, variable: string): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address = "", prefixText] = entry.split("/");
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32) || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
      throw new Error(`${variable}: "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8, 169.254.169.254)`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

export function outboundPolicy(env: { ARBITER_ENDPOINT_ALLOW?: string; ARBITER_ENDPOINT_DENY?: string }): OutboundPolicy {
  const defaults = new BlockList();
  for (const cidr of DEFAULT_DENIED_CIDRS) {
    const [address = "", prefix = ""] = cidr.split("/");
    defaults.addSubnet(address, Number(prefix), isIP(address) === 6 ? "ipv6" : "ipv4");
  }
  return { allow: parseCidrList(env.ARBITER_ENDPOINT_ALLOW, "ARBITER_ENDPOINT_ALLOW"), deny: parseCidrList(env.ARBITER_ENDPOINT_DENY, "ARBITER_ENDPOINT_DENY"), defaults };
}

/** An IPv4-mapped IPv6 address (::ffff:169.254.169.254) is checked as the IPv4 address it is. */
function canonical(address: string): { address: string; type: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, type: "ipv4" };
  return { address, type: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

/** Why a resolved address may not be called, or undefined when it may. */
export function refusedAddress(address: string, policy: OutboundPolicy): string | undefined {
  const { address: ip, type } = canonical(address.replace(/^\[|\]$/g, ""));
  if (isIP(ip) === 0) return `${address} is not an IP address`;
  if (policy.deny.check(ip, type)) return `${ip} is in ARBITER_ENDPOINT_DENY`;
  if (policy.allow.check(ip, type)) return undefined;
  if (policy.defaults.check(ip, type)) return `${ip} is a link-local or cloud metadata address (allow it with ARBITER_ENDPOINT_ALLOW)`;
  return undefined;
}

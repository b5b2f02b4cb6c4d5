import { describe, expect, it } from "vitest";
import { outboundPolicy, parseCidrList, refusedAddress } from "./outbound-policy";

const defaults = outboundPolicy({});

describe("outbound address policy", () => {
  it("allows loopback, private networks and public addresses by default", () => {
    for (const address of ["127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.20", "fd12:3456::1", "8.8.8.8", "2001:4860:4860::8888", "0.0.0.0"]) {
      expect(refusedAddress(address, defaults), address).toBeUndefined();
    }
  });

  it("refuses link-local and cloud metadata addresses, also written as IPv4-mapped IPv6", () => {
    for (const address of ["169.254.169.254", "169.254.0.1", "fe80::1", "fd00:ec2::254", "::ffff:169.254.169.254", "[fd00:ec2::254]"]) {
      expect(refusedAddress(address, defaults), address).toMatch(/link-local or cloud metadata address \(allow it with ARBITER_ENDPOINT_ALLOW\)$/);
    }
    expect(refusedAddress("fd00:ec2::253", defaults)).toBeUndefined();
  });

  it("lets the operator allow a refused range, and deny more; deny wins", () => {
    const allowed = outboundPolicy({ ARBITER_ENDPOINT_ALLOW: "169.254.169.254/32" });
    expect(refusedAddress("169.254.169.254", allowed)).toBeUndefined();
    expect(refusedAddress("169.254.169.253", allowed)).toMatch(/link-local/);

    const denied = outboundPolicy({ ARBITER_ENDPOINT_DENY: "10.0.0.0/8, 127.0.0.0/8", ARBITER_ENDPOINT_ALLOW: "10.0.0.0/8" });
    expect(refusedAddress("10.9.9.9", denied)).toBe("10.9.9.9 is in ARBITER_ENDPOINT_DENY");
    expect(refusedAddress("127.0.0.1", denied)).toBe("127.0.0.1 is in ARBITER_ENDPOINT_DENY");
    expect(refusedAddress("192.168.0.1", denied)).toBeUndefined();
  });

  it("reads CIDR lists separated by commas or spaces, single addresses included, and names a bad entry", () => {
    const list = parseCidrList("10.0.0.0/8 fd00::/8,192.0.2.7", "X");
    expect(list.check("10.200.0.1", "ipv4")).toBe(true);
    expect(list.check("fd99::1", "ipv6")).toBe(true);
    expect(list.check("192.0.2.7", "ipv4")).toBe(true);
    expect(list.check("192.0.2.8", "ipv4")).toBe(false);
    expect(() => parseCidrList("10.0.0.0/33", "ARBITER_ENDPOINT_DENY")).toThrow('ARBITER_ENDPOINT_DENY: "10.0.0.0/33" is not an IP address or CIDR range');
    expect(() => parseCidrList("metadata.google.internal", "ARBITER_ENDPOINT_ALLOW")).toThrow(/ARBITER_ENDPOINT_ALLOW: "metadata.google.internal"/);
    expect(() => parseCidrList("10.0.0.0/x", "X")).toThrow(/"10.0.0.0\/x"/);
  });
});

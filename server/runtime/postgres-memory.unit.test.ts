import { describe, expect, it } from "vitest";
import { availableMemory, sharedBuffersFor, sharedBuffersSetting } from "./postgres-memory";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe("sharedBuffersFor", () => {
  it("gives a quarter of the memory, in whole MB", () => {
    expect(sharedBuffersFor(2 * GiB)).toBe("512MB");
    expect(sharedBuffersFor(4 * GiB)).toBe("1024MB");
    expect(sharedBuffersFor(3 * GiB + 3)).toBe("768MB");
  });
  it("never goes below Postgres's own default of 128 MB", () => {
    expect(sharedBuffersFor(256 * MiB)).toBe("128MB");
    expect(sharedBuffersFor(0)).toBe("128MB");
  });
  it("is capped at 2 GB", () => {
    expect(sharedBuffersFor(8 * GiB)).toBe("2048MB");
    expect(sharedBuffersFor(24 * GiB)).toBe("2048MB");
    expect(sharedBuffersFor(512 * GiB)).toBe("2048MB");
  });
});

describe("availableMemory", () => {
  it("takes a container limit smaller than the machine", () => {
    expect(availableMemory(24 * GiB, 2 * GiB)).toBe(2 * GiB);
  });
  it("ignores no limit (0, undefined) and a limit above the machine's memory", () => {
    expect(availableMemory(24 * GiB, 0)).toBe(24 * GiB);
    expect(availableMemory(24 * GiB, undefined)).toBe(24 * GiB);
    expect(availableMemory(24 * GiB, Number.MAX_SAFE_INTEGER)).toBe(24 * GiB);
  });
});

describe("sharedBuffersSetting", () => {
  it("uses the rule when ARBITER_PG_SHARED_BUFFERS is unset or blank", () => {
    expect(sharedBuffersSetting({}, 2 * GiB)).toBe("512MB");
    expect(sharedBuffersSetting({ ARBITER_PG_SHARED_BUFFERS: " " }, 2 * GiB)).toBe("512MB");
  });
  it("takes an override in MB or GB, whatever the machine", () => {
    expect(sharedBuffersSetting({ ARBITER_PG_SHARED_BUFFERS: "128MB" }, 24 * GiB)).toBe("128MB");
    expect(sharedBuffersSetting({ ARBITER_PG_SHARED_BUFFERS: "4GB" }, 24 * GiB)).toBe("4096MB");
    expect(sharedBuffersSetting({ ARBITER_PG_SHARED_BUFFERS: "1gb" }, 1 * GiB)).toBe("1024MB");
  });
  it.each(["1.5GB", "512", "abc", "512kB", "-1GB", "8MB", "2048GB"])("refuses %j with an error naming the variable", (value) => {
    expect(() => sharedBuffersSetting({ ARBITER_PG_SHARED_BUFFERS: value }, 24 * GiB)).toThrow(
      new RegExp(`ARBITER_PG_SHARED_BUFFERS .*got "${value.replace(".", "\\.")}"`),
    );
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultPoolSize } from "./config";

describe("defaultPoolSize: Prisma's pool sized to the machine when DATABASE_POOL_SIZE is unset", () => {
  it("is 4 per core plus 2, at least 10 and at most 20", () => {
    expect(defaultPoolSize(1)).toBe(10);
    expect(defaultPoolSize(2)).toBe(10);
    expect(defaultPoolSize(3)).toBe(14);
    expect(defaultPoolSize(4)).toBe(18);
    expect(defaultPoolSize(64)).toBe(20);
  });
});

describe("DATABASE_POOL_SIZE", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
  const load = async () => (await import("./config")).getDatabaseConfig();

  it("defaults to the machine's size and takes a set value", async () => {
    vi.stubEnv("DATABASE_URL", "postgresql://u:p@127.0.0.1:1/db");
    vi.stubEnv("DATABASE_POOL_SIZE", undefined);
    expect((await load()).DATABASE_POOL_SIZE).toBe(defaultPoolSize());
    vi.resetModules();
    vi.stubEnv("DATABASE_POOL_SIZE", "12");
    expect((await load()).DATABASE_POOL_SIZE).toBe(12);
  });

  it("refuses a value that is not a whole number, naming the variable", async () => {
    vi.stubEnv("DATABASE_URL", "postgresql://u:p@127.0.0.1:1/db");
    vi.stubEnv("DATABASE_POOL_SIZE", "lots");
    await expect(load()).rejects.toThrow(/DATABASE_POOL_SIZE must be a number/);
  });
});

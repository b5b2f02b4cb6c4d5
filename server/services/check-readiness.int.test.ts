import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { HEARTBEAT_FRESH_MS, startHeartbeat } from "../worker/heartbeat";
import { checkReadiness } from "./check-readiness";
import { readMetrics } from "./read-metrics";

const globalForServe = globalThis as unknown as { arbiterDraining?: boolean };

describe("readiness (/api/health/ready)", () => {
  afterEach(async () => {
    globalForServe.arbiterDraining = undefined;
    await getDb().workerHeartbeat.deleteMany({});
  });

  it("needs a fresh worker heartbeat, every migration of the build applied, and the instance not draining", async () => {
    const none = await checkReadiness();
    expect(none).toMatchObject({ ok: false, database: "up", pendingMigrations: [], freshWorkers: 0, draining: false });
    expect(none.problems.join()).toContain("no worker heartbeat");

    const heartbeat = startHeartbeat();
    await expect.poll(async () => (await checkReadiness()).ok).toBe(true);
    expect((await checkReadiness()).freshWorkers).toBe(1);

    // A stale beat (a SIGKILLed worker's) counts for nothing.
    await getDb().workerHeartbeat.update({ where: { id: heartbeat.id }, data: { beatAt: new Date(Date.now() - HEARTBEAT_FRESH_MS - 1_000) } });
    expect(await checkReadiness()).toMatchObject({ ok: false, freshWorkers: 0 });
    await getDb().workerHeartbeat.update({ where: { id: heartbeat.id }, data: { beatAt: new Date() } });

    globalForServe.arbiterDraining = true;
    expect(await checkReadiness()).toMatchObject({ ok: false, draining: true, problems: ["shutting down"] });
    globalForServe.arbiterDraining = undefined;

    // A clean stop removes the worker's row.
    await heartbeat.stop();
    expect(await getDb().workerHeartbeat.count({ where: { id: heartbeat.id } })).toBe(0);
  });

  it("names the migrations the database lacks", async () => {
    const db = getDb();
    const [newest] = await db.$queryRaw<{ id: string; migration_name: string }[]>`SELECT id, migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    // Hidden for the check, then restored: this worker's database is shared with its other test files.
    await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = ${newest!.id}`;
    try {
      const readiness = await checkReadiness();
      expect(readiness.ok).toBe(false);
      expect(readiness.pendingMigrations).toEqual([newest!.migration_name]);
      expect(readiness.problems.join()).toContain("1 migration(s) not applied");
    } finally {
      await db.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = ${newest!.id}`;
    }
  });
});

describe("metrics (/api/metrics)", () => {
  it("does not exist without ARBITER_METRICS_TOKEN, refuses a wrong token, and serves queue depths with the right one", async () => {
    await expect(readMetrics({ authorization: "Bearer anything", token: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(readMetrics({ authorization: null, token: "s3cret-token" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(readMetrics({ authorization: "Bearer s3cret-tokeN", token: "s3cret-token" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const { body } = await readMetrics({ authorization: "Bearer s3cret-token", token: "s3cret-token" });
    expect(body).toContain('arbiter_generation_tasks{status="PENDING"}');
    expect(body).toContain('arbiter_judge_tasks{status="PENDING"}');
    expect(body).toContain('arbiter_exports{status="QUEUED"}');
    expect(body).toContain("arbiter_annotation_leases_active");
    // Prisma's pool has served this test's queries, so it holds at least one connection; both pools are named.
    const prismaOpen = Number(/arbiter_db_pool_connections\{pool="prisma",state="total"\} (\d+)/.exec(body)?.[1]);
    expect(prismaOpen).toBeGreaterThanOrEqual(1);
    expect(body).toContain('arbiter_db_pool_connections{pool="pg",state="waiting"}');
  });
});

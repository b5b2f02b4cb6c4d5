import pg from "pg";
import { describe, expect, it } from "vitest";
import { newPgPool } from "./pg-pool";

/** Ends `pid`'s connection from another one, as a restarted Postgres or an admin's pg_terminate_backend would. */
async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ ended: boolean }>("SELECT pg_terminate_backend($1) AS ended", [pid]);
    expect(rows).toEqual([{ ended: true }]);
  } finally {
    await admin.end();
  }
}

describe("node-postgres pools (newPgPool)", () => {
  it("a checked-out connection that Postgres ends between statements fails its next statement instead of crashing the process, and the pool carries on", async () => {
    const pool = newPgPool({ max: 2, label: "test pool" });
    try {
      const client = await pool.connect();
      const ended = new Promise<void>((resolve) => client.once("end", () => resolve()));
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      // Held between statements, as a transaction's client is while the worker's code runs: the error
      // arrives as an event on the client (with no listener node-postgres throws it: an uncaught error).
      await terminate(rows[0]!.pid);
      await ended;
      await expect(client.query("SELECT 1")).rejects.toThrow();
      client.release();
      expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      expect(pool.totalCount).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it("an idle connection that Postgres ends is dropped and replaced at the next checkout", async () => {
    const pool = newPgPool({ max: 1, label: "test pool" });
    try {
      const { rows } = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const dropped = new Promise<void>((resolve) => pool.once("remove", () => resolve()));
      await terminate(rows[0]!.pid);
      await dropped;
      const again = await pool.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      expect(again.rows[0]!.pid).not.toBe(rows[0]!.pid);
    } finally {
      await pool.end();
    }
  });
});

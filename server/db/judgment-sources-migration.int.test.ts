import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";

const MIGRATION = "20261130090000_judgment_sources";
const folder = path.join(process.cwd(), "prisma", "migrations");

/**
 * The judgment-source migration on a database that holds judgments from before it: every judgment is
 * kept, is_adjudication = true becomes ADJUDICATION and the rest HUMAN; then the new rules hold.
 */
describe(`migration ${MIGRATION}`, () => {
  it("keeps every existing judgment with its source, then enforces the annotator CHECK and the HUMAN-only unique index", async () => {
    const server = inject("testDatabaseServer");
    const name = `${server.prefix}migration_${process.pid}`;
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server.adminUrl);
    url.pathname = `/${name}`;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const migrations = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
      const sql = (migration: string) => readFile(path.join(folder, migration, "migration.sql"), "utf8");
      for (const migration of migrations.filter((migration) => migration < MIGRATION)) await db.query(await sql(migration));

      const { rows: [ids] } = await db.query<{ annotator: string; adjudicator: string; set: string; prompt: string }>(`
        WITH u1 AS (INSERT INTO users (email, name, password_hash, role, updated_at) VALUES ('a@x', 'A', 'h', 'ANNOTATOR', now()) RETURNING id),
             u2 AS (INSERT INTO users (email, name, password_hash, role, updated_at) VALUES ('b@x', 'B', 'h', 'ADMIN', now()) RETURNING id),
             s AS (INSERT INTO prompt_sets (name, updated_at) VALUES ('old', now()) RETURNING id),
             p AS (INSERT INTO prompts (prompt_set_id, messages, content_hash) SELECT s.id, '[{"role":"user","content":"q"}]', 'h' FROM s RETURNING id)
        SELECT (SELECT id FROM u1) AS annotator, (SELECT id FROM u2) AS adjudicator, (SELECT id FROM s) AS set, (SELECT id FROM p) AS prompt`);
      const judge = (annotator: string, key: string, isAdjudication: boolean) =>
        db.query(
          `INSERT INTO judgments (prompt_id, prompt_set_id, annotator_id, idempotency_key, mode, outcome, is_adjudication, updated_at) VALUES ($1, $2, $3, $4, 'PAIRWISE', 'TIE', $5, now())`,
          [ids!.prompt, ids!.set, annotator, key, isAdjudication],
        );
      await judge(ids!.annotator, "k1", false);
      await judge(ids!.adjudicator, "k2", true);

      await db.query(await sql(MIGRATION));
      const { rows } = await db.query<{ idempotency_key: string; source: string }>("SELECT idempotency_key, source::text FROM judgments ORDER BY idempotency_key");
      expect(rows).toEqual([
        { idempotency_key: "k1", source: "HUMAN" },
        { idempotency_key: "k2", source: "ADJUDICATION" },
      ]);

      const insert = (annotator: string | null, key: string, source: string) =>
        db.query(`INSERT INTO judgments (prompt_id, prompt_set_id, annotator_id, idempotency_key, mode, outcome, source, updated_at) VALUES ($1, $2, $3, $4, 'PAIRWISE', 'TIE', $5, now())`, [
          ids!.prompt,
          ids!.set,
          annotator,
          key,
          source,
        ]);
      await expect(insert(null, "k3", "HUMAN")).rejects.toMatchObject({ code: "23514", constraint: "judgments_annotator_unless_imported" });
      await expect(insert(ids!.annotator, "k4", "HUMAN")).rejects.toMatchObject({ code: "23505", constraint: "judgments_one_per_annotator" });
      // Imported labels have no annotator and any number of them may sit on a prompt; an admin may settle twice over time.
      await insert(null, "k5", "IMPORTED");
      await insert(null, "k6", "IMPORTED");
      await insert(ids!.adjudicator, "k7", "ADJUDICATION");
      expect((await db.query("SELECT count(*)::int AS n FROM judgments")).rows[0]).toEqual({ n: 5 });
    } finally {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

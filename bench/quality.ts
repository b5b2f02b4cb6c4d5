// npm run bench:quality: all quality statistics of a set of 100,000 judgments (JUDGMENTS= for another
// size), beside a plain SELECT count(*) over the same rows, on a real Postgres; and the leaderboard's
// bootstrap (1,000 resamples, 20 models, 50,000 comparisons) in pure code and through the service.
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { cloneDatabase, startTestPostgres } from "../tests/support/test-postgres";

const JUDGMENTS = Number(process.env.JUDGMENTS ?? 100_000);
const ANNOTATORS = 4;
const PROMPTS = Math.ceil(JUDGMENTS / ANNOTATORS);
const MODELS = 20;

const time = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

const server = await startTestPostgres();
try {
  process.env.DATABASE_URL = await cloneDatabase(server, "bench_quality");
  const { getPgPool, closePgPool } = await import("../server/db/pg-pool");
  const { getDb } = await import("../server/db/client");
  const { systemActor } = await import("../server/authz/actor");
  const { getSetQuality } = await import("../server/services/quality/get-set-quality");
  const { loadPackedJudgments } = await import("../server/services/quality/internal/load-judgments");
  const { computePackedSetQuality } = await import("../lib/quality/set-quality");
  const { getLeaderboard } = await import("../server/services/quality/get-leaderboard");
  const { bootstrapBradleyTerry, compileOutcomes } = await import("../lib/quality/bradley-terry");
  const { seededRandom } = await import("../lib/quality/bradley-terry");
  const pool = getPgPool();

  const [, seedMs] = await time(async () => {
    await pool.query(`INSERT INTO users (email, name, password_hash, role, updated_at) SELECT 'bench' || a || '@arbiter.local', 'Bench ' || a, 'x', 'ANNOTATOR', now() FROM generate_series(1, ${ANNOTATORS}) a`);
    await pool.query(`INSERT INTO prompt_sets (name, overlap, updated_at) VALUES ('Bench quality', ${ANNOTATORS}, now())`);
    await pool.query(`SELECT setseed(0.42)`);
    await pool.query(`
      INSERT INTO prompts (prompt_set_id, messages, content_hash)
      SELECT s.id, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || i)), md5('q' || i)
      FROM prompt_sets s, generate_series(1, ${PROMPTS}) i WHERE s.name = 'Bench quality'`);
    await pool.query(`
      INSERT INTO candidates (prompt_id, content, source, model)
      SELECT p.id, repeat('answer ', 5 + (random() * 60)::int), 'GENERATED', 'model-' || ((abs(hashtext(p.id::text || k)) % ${MODELS}))
      FROM prompts p, generate_series(0, 1) k`);
    // Each annotator judges every prompt: left wins 45%, right 45%, tie 5%, both bad 5%.
    await pool.query(`
      CREATE TEMP TABLE bench_j AS
      SELECT gen_random_uuid() AS id, p.id AS prompt_id, p.prompt_set_id, u.id AS annotator_id, random() AS r,
             (SELECT array_agg(c.id ORDER BY c.id) FROM candidates c WHERE c.prompt_id = p.id) AS cids
      FROM prompts p CROSS JOIN users u WHERE u.email LIKE 'bench%'`);
    await pool.query(`
      INSERT INTO judgments (id, prompt_id, prompt_set_id, annotator_id, source, idempotency_key, mode, outcome, time_spent_ms, created_at, updated_at)
      SELECT id, prompt_id, prompt_set_id, annotator_id, 'HUMAN', id::text, 'PAIRWISE',
             (CASE WHEN r < 0.9 THEN 'PREFERENCE' WHEN r < 0.95 THEN 'TIE' ELSE 'ALL_BAD' END)::judgment_outcome,
             (1000 + r * 20000)::int, now() - (r * interval '10 days'), now()
      FROM bench_j`);
    await pool.query(`
      INSERT INTO judgment_candidates (judgment_id, candidate_id, position, rank)
      SELECT id, cids[1], 0, CASE WHEN r < 0.45 THEN 1 WHEN r < 0.9 THEN 2 WHEN r < 0.95 THEN 1 END FROM bench_j
      UNION ALL
      SELECT id, cids[2], 1, CASE WHEN r < 0.45 THEN 2 WHEN r < 0.9 THEN 1 WHEN r < 0.95 THEN 1 END FROM bench_j`);
    await pool.query(`ANALYZE`);
  });
  const { rows: [set] } = await pool.query<{ id: string }>(`SELECT id FROM prompt_sets WHERE name = 'Bench quality'`);
  const actor = systemActor("bench");

  const countTimes: number[] = [];
  const qualityTimes: number[] = [];
  const loadTimes: number[] = [];
  const computeTimes: number[] = [];
  let counted = 0;
  let quality: Awaited<ReturnType<typeof getSetQuality>> | null = null;
  for (let run = 0; run < 3; run++) {
    const [count, countMs] = await time(() => pool.query<{ count: string }>(`SELECT count(*) FROM judgments j JOIN judgment_candidates jc ON jc.judgment_id = j.id WHERE j.prompt_set_id = $1`, [set!.id]));
    counted = Number(count.rows[0]!.count);
    countTimes.push(countMs);
    const [result, qualityMs] = await time(() => getSetQuality({ actor, promptSetId: set!.id }));
    quality = result;
    qualityTimes.push(qualityMs);
    // The same work in its two halves, to show where the time goes.
    const [packed, loadMs] = await time(() => loadPackedJudgments(set!.id));
    loadTimes.push(loadMs);
    const [, computeMs] = await time(() => computePackedSetQuality({ mode: "PAIRWISE", judgments: packed, skips: new Map(), gold: new Map(), goldThresholds: { minItems: 5, minAccuracy: 0.7 } }));
    computeTimes.push(computeMs);
  }

  // Pure bootstrap: 20 models, 50,000 comparisons on 25,000 prompts, 1,000 resamples.
  const random = seededRandom(7);
  const strength = Array.from({ length: MODELS }, (_, i) => i / 5);
  const outcomes = Array.from({ length: 50_000 }, (_, k) => {
    const a = Math.floor(random() * MODELS);
    let b = Math.floor(random() * (MODELS - 1));
    if (b >= a) b += 1;
    const p = 1 / (1 + Math.exp(strength[b]! - strength[a]!));
    const r = random();
    return { promptId: `p${k >> 1}`, a: `m${a}`, b: `m${b}`, scoreA: r < 0.05 ? 0.5 : r < 0.05 + 0.95 * p ? 1 : 0 };
  });
  const [compiled, compileMs] = await time(() => compileOutcomes(outcomes));
  const [boot, bootMs] = await time(() => bootstrapBradleyTerry(compiled, { resamples: 1000, seed: 1 }));
  const [board, boardMs] = await time(() => getLeaderboard({ actor, query: { promptSetId: set!.id, resamples: "1000" } }));

  console.log(`\nbench:quality (load average ${loadavg().map((v) => v.toFixed(2)).join(" ")}) (${JUDGMENTS.toLocaleString("en")} judgments of ${PROMPTS.toLocaleString("en")} prompts by ${ANNOTATORS} annotators; seeded in ${ms(seedMs)})`);
  console.log(`| step | median of 3 | note |`);
  console.log(`|---|---|---|`);
  console.log(`| SELECT count(*) over the same ${counted.toLocaleString("en")} judgment-candidate rows (baseline) | ${ms(median(countTimes))} | |`);
  console.log(`| all quality statistics (getSetQuality: load + alpha, agreement, per day, annotators, disagreements) | ${ms(median(qualityTimes))} | ${(median(qualityTimes) / median(countTimes)).toFixed(1)}x the count; alpha ${quality!.agreement.alpha.alpha?.toFixed(4)} (random data: near 0) |`);
  console.log(`| of which: the judgments in columns (one query, typed arrays) | ${ms(median(loadTimes))} | measured apart |`);
  console.log(`| of which: the statistics from the columns (pure code) | ${ms(median(computeTimes))} | measured apart |`);
  console.log(`| bootstrap, pure: ${boot.resamples} resamples, ${MODELS} models, ${compiled.comparisons.toLocaleString("en")} comparisons (+ compile ${ms(compileMs)}) | ${ms(bootMs)} | top ${boot.strengths[0]!.model} theta ${boot.strengths[0]!.theta.toFixed(2)} [${boot.strengths[0]!.low!.toFixed(2)}, ${boot.strengths[0]!.high!.toFixed(2)}] |`);
  console.log(`| leaderboard service over the ${JUDGMENTS.toLocaleString("en")} judgments (load + fit + 1,000 resamples) | ${ms(boardMs)} | ${board.boards[0]?.models.length ?? 0} models, ${board.boards[0]?.comparisons ?? 0} comparisons |`);
  console.log(`Targets: statistics < 2,000 ms; bootstrap < 5,000 ms.`);
  await getDb().$disconnect();
  await closePgPool();
} finally {
  await server.stop();
}

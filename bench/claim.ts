// Claim latency against the set's size and progress: claimAssignment (the service: membership, the claim
// itself, the item) on a set of PROMPTS prompts (100,000; PROMPTS=1000000 for a million) when 0 %, 50 % and
// 99 % of it is judged, the judged prompts being the first in the queue's order (as a queue fills them).
// Prints the median and p99 of each state and the ratios of the medians to the 0 % one (aim: within 2x).
// Run: npm run bench:claim   (PROMPTS=1000000, CLAIMS=200 claims per state)
import { randomUUID } from "node:crypto";
import { cloneDatabase, startTestPostgres } from "../tests/support/test-postgres";

const promptCount = Number(process.env.PROMPTS ?? 100_000);
const claimsPerState = Number(process.env.CLAIMS ?? 200);
const states = [0, 0.5, 0.99];

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

const server = await startTestPostgres();
try {
  process.env.DATABASE_URL = await cloneDatabase(server, "claim");
  const { getDb } = await import("../server/db/client");
  const { claimAssignment } = await import("../server/services/annotation/claim-assignment");
  const db = getDb();

  const annotators = Array.from({ length: claimsPerState }, (_, i) => ({ id: randomUUID(), email: `claim-${i}@bench.arbiter`, name: `Claim ${i}`, role: "ANNOTATOR" as const, passwordHash: "x" }));
  const judge = { id: randomUUID(), email: "judge@bench.arbiter", name: "Judge", role: "ANNOTATOR" as const, passwordHash: "x" };
  await db.user.createMany({ data: [...annotators, judge] });
  const set = await db.promptSet.create({
    data: { name: `Claim bench ${randomUUID().slice(0, 8)}`, overlap: 1, members: { create: [...annotators, judge].map((u) => ({ userId: u.id })) } },
    select: { id: true },
  });
  let t = performance.now();
  await db.$executeRaw`
    INSERT INTO prompts (id, prompt_set_id, messages, content_hash)
    SELECT gen_random_uuid(), ${set.id}::uuid, jsonb_build_array(jsonb_build_object('role', 'user', 'content', 'Question ' || i)), md5('q' || i)
    FROM generate_series(1, ${promptCount}::int) i`;
  await db.$executeRaw`
    INSERT INTO candidates (prompt_id, content, source)
    SELECT p.id, 'Answer ' || k || ' to ' || p.content_hash, 'IMPORTED' FROM prompts p, generate_series(1, 2) k WHERE p.prompt_set_id = ${set.id}::uuid`;
  console.log(`Set of ${promptCount.toLocaleString("en")} prompts x 2 candidates written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const judgedUpTo = async (share: number) => {
    // The first `share` of the queue (id order) judged once (overlap 1) by another annotator, each with
    // its lease and its judgment's candidate rows, as the services would have written them.
    const target = Math.floor(promptCount * share);
    const already = await db.judgment.count({ where: { promptSetId: set.id } });
    if (target <= already) return;
    await db.$executeRaw`
      WITH next AS (
        SELECT p.id FROM prompts p WHERE p.prompt_set_id = ${set.id}::uuid AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.prompt_id = p.id)
        ORDER BY p.id LIMIT ${target - already}::int
      ), leases AS (
        INSERT INTO assignments (prompt_id, prompt_set_id, annotator_id, status, expires_at, closed_at)
        SELECT id, ${set.id}::uuid, ${judge.id}::uuid, 'SUBMITTED', now(), now() FROM next RETURNING id, prompt_id
      ), made AS (
        INSERT INTO judgments (prompt_id, prompt_set_id, annotator_id, source, assignment_id, idempotency_key, mode, outcome, updated_at)
        SELECT prompt_id, ${set.id}::uuid, ${judge.id}::uuid, 'HUMAN', id, 'bench-' || id, 'PAIRWISE', 'PREFERENCE', now() FROM leases RETURNING id, prompt_id
      ), ranks AS (
        INSERT INTO judgment_candidates (judgment_id, candidate_id, position, rank)
        SELECT m.id, c.id, row_number() OVER (PARTITION BY m.id ORDER BY c.id) - 1, row_number() OVER (PARTITION BY m.id ORDER BY c.id)
        FROM made m JOIN candidates c ON c.prompt_id = m.prompt_id
      )
      UPDATE prompts p SET open_slots = 0 FROM made WHERE p.id = made.prompt_id`;
    await db.$executeRawUnsafe("VACUUM ANALYZE prompts, assignments, judgments, judgment_candidates, candidates");
  };

  const medians: number[] = [];
  for (const share of states) {
    t = performance.now();
    await judgedUpTo(share);
    const setup = (performance.now() - t) / 1000;
    // The first 10 claims warm the plans and caches and are left out of the figures.
    const samples: number[] = [];
    for (const annotator of annotators) {
      const started = performance.now();
      const { item } = await claimAssignment({ actor: annotator, promptSetId: set.id });
      samples.push(performance.now() - started);
      if (!item) throw new Error(`no item at ${share * 100} % judged`);
    }
    // Give the leases back, so that the next state starts from exactly its share.
    await db.$executeRaw`
      WITH ended AS (UPDATE assignments SET status = 'RELEASED', closed_at = now() WHERE prompt_set_id = ${set.id}::uuid AND status = 'ACTIVE' RETURNING prompt_id)
      UPDATE prompts p SET open_slots = p.open_slots + 1 FROM ended WHERE p.id = ended.prompt_id`;
    const median = quantile(samples.slice(10), 0.5);
    medians.push(median);
    console.log(
      `${`${(share * 100).toFixed(0)} % judged`.padEnd(12)} claim median ${median.toFixed(2).padStart(7)} ms   p99 ${quantile(samples.slice(10), 0.99).toFixed(2).padStart(7)} ms   n=${samples.length - 10}   (set-up ${setup.toFixed(1)} s)`,
    );
  }
  const base = medians[0]!;
  console.log(`\nMedians relative to 0 % judged: ${medians.map((m, i) => `${(states[i]! * 100).toFixed(0)} %: ${(m / base).toFixed(2)}x`).join("   ")}   (aim: within 2x)`);
} finally {
  await server.stop();
}
process.exit(0);

import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAiServer } from "@/tests/support/fake-openai-server";
import { makeUser } from "@/tests/support/factories";
import { makeEndpoint, makePromptSetWithPrompts } from "@/tests/support/generation-factories";
import { getDb } from "../db/client";
import { startRun } from "../services/generation/start-run";
import { GroupCommit } from "./group-commit";
import { claimTasks, completeTasks, handOver, renewLeases, type CandidateProvenance, type ClaimedTask, type Completion } from "./task-queue";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const answer = (content: string): CandidateProvenance => ({
  content,
  model: "m",
  params: { temperature: 0.5 },
  seed: 7,
  latencyMs: 12,
  promptTokens: 3,
  completionTokens: 4,
  finishReason: "stop",
});

/** A running run of `prompts` tasks on one endpoint of `maxConcurrency`, and the tasks this test claimed of it. */
async function runWithClaims(prompts: number, maxConcurrency: number) {
  const server = await startFakeOpenAiServer();
  cleanups.push(() => server.close());
  const admin = await makeUser("ADMIN");
  const set = await makePromptSetWithPrompts(prompts);
  const endpoint = await makeEndpoint(server.baseUrl, { maxConcurrency });
  const { runId } = await startRun({ actor: admin, promptSetId: set.id, input: { endpointIds: [endpoint.id], candidatesPerModel: 1 } });
  const claimed = (await claimTasks({ limit: 100, leaseMs: 60_000 })).filter((task) => task.runId === runId);
  expect(claimed).toHaveLength(maxConcurrency);
  return { runId, claimed };
}

const candidatesOf = (task: ClaimedTask) => getDb().candidate.findMany({ where: { generationTaskId: task.id } });
const taskRow = (task: ClaimedTask) => getDb().generationTask.findUniqueOrThrow({ where: { id: task.id } });

/** Tasks of the endpoint that hold one of its slots: RUNNING, lease valid, answer not yet arrived. */
const inFlight = (endpointId: string) =>
  getDb().generationTask.count({ where: { endpointId, status: "RUNNING", lockedUntil: { gt: new Date() }, answeredAt: null } });

describe("slot hand-over and batched completion of generation tasks", () => {
  it("hands an answered task's slot to the next task before its candidate is written, only for tasks this worker still holds", async () => {
    const { claimed } = await runWithClaims(6, 3);
    const [held, expired, takenOver] = claimed as [ClaimedTask, ClaimedTask, ClaimedTask];
    // The worker stalled past its lease on one task; another worker claimed the other again.
    await getDb().generationTask.update({ where: { id: expired.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    await getDb().generationTask.update({ where: { id: takenOver.id }, data: { attempts: takenOver.attempts + 1 } });

    const handed = await handOver([held, expired, takenOver], { leaseMs: 60_000 });

    // One slot freed (the held task's), one task handed over: the endpoint's count of 3 holds.
    expect(handed[0]).not.toBeNull();
    expect(handed[1]).toBeNull();
    expect(handed[2]).toBeNull();
    expect(claimed.map((task) => task.id)).not.toContain(handed[0]!.id);
    expect(await inFlight(held.endpointId)).toBe(2);
    // The answered task is still leased (a worker dying now loses nothing) but holds no slot.
    expect(await taskRow(held)).toMatchObject({ status: "RUNNING", attempts: held.attempts, answeredAt: expect.any(Date) });
    expect(await candidatesOf(held)).toEqual([]);
    // A second hand-over of the same answer frees nothing more.
    expect(await handOver([held], { leaseMs: 60_000 })).toEqual([null]);
    // The one free slot left (3 - takenOver - the handed task) is all a claim gets.
    const more = (await claimTasks({ limit: 100, leaseMs: 60_000 })).filter((task) => task.endpointId === held.endpointId);
    expect(more).toHaveLength(1);
    expect(await inFlight(held.endpointId)).toBe(3);

    // The batched write stores only what this worker still holds.
    const stored = await completeTasks([
      { task: held, candidate: answer("kept") },
      { task: expired, candidate: answer("late") },
      { task: takenOver, candidate: answer("stale") },
    ]);
    expect(stored).toEqual([true, false, false]);
    expect(await candidatesOf(held)).toMatchObject([{ content: "kept", params: { temperature: 0.5 }, seed: 7, latencyMs: 12, finishReason: "stop" }]);
    expect(await candidatesOf(expired)).toEqual([]);
    expect(await candidatesOf(takenOver)).toEqual([]);
    expect(await taskRow(held)).toMatchObject({ status: "SUCCEEDED", lockedUntil: null });
    // Left for whoever claims it next (its lease is over), and the new holder's attempt untouched.
    expect(await taskRow(takenOver)).toMatchObject({ status: "RUNNING", attempts: takenOver.attempts + 1 });
  });

  it("runs an answered task again when its worker dies before the write, and stores its candidate once", async () => {
    const { runId, claimed } = await runWithClaims(2, 2);
    const [first, second] = claimed as [ClaimedTask, ClaimedTask];
    await handOver([first], { leaseMs: 60_000 });
    // The worker died with the answer unwritten: its lease runs out.
    await getDb().generationTask.update({ where: { id: first.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    const [again] = (await claimTasks({ limit: 100, leaseMs: 60_000 })).filter((task) => task.runId === runId);
    expect(again).toMatchObject({ id: first.id, attempts: first.attempts + 1 });
    // Claimed again, it holds a slot again until its new answer.
    expect(await taskRow(first)).toMatchObject({ status: "RUNNING", answeredAt: null });
    expect(await inFlight(first.endpointId)).toBe(2);
    // The dead worker's late write (had it got that far) stores nothing; the new attempt's does, once.
    expect(await completeTasks([{ task: first, candidate: answer("late") }])).toEqual([false]);
    expect(await completeTasks([{ task: again!, candidate: answer("again") }, { task: second, candidate: answer("second") }])).toEqual([true, true]);
    expect(await completeTasks([{ task: again!, candidate: answer("twice") }])).toEqual([false]);
    expect(await candidatesOf(first)).toMatchObject([{ content: "again" }]);
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
  });

  it("groups answers that arrive together into one write, skips an abandoned one, and finishes the run", async () => {
    const { runId, claimed } = await runWithClaims(4, 4);
    const timings = { batches: 0, batchMs: 0, batched: 0 };
    const batcher = new GroupCommit<Completion, boolean>({
      write: (items) => completeTasks(items),
      skipped: false,
      onWrite: (items, ms) => {
        timings.batches += 1;
        timings.batched += items;
        timings.batchMs += ms;
      },
    });
    const abandoned = new AbortController();
    abandoned.abort(new Error("lease given up"));
    const results = await Promise.all(
      claimed.map((task, index) => batcher.submit({ task, candidate: answer(`answer ${index}`) }, index === 3 ? abandoned.signal : new AbortController().signal)),
    );
    expect(results).toEqual([true, true, true, false]);
    expect(timings).toMatchObject({ batches: 1, batched: 3 });
    expect(await candidatesOf(claimed[3]!)).toEqual([]);
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("RUNNING");
    // The abandoned task, once it is stored by a holder, is the last: the run completes.
    await getDb().generationTask.update({ where: { id: claimed[3]!.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await batcher.submit({ task: claimed[3]!, candidate: answer("last") }, new AbortController().signal)).toBe(true);
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
    expect(timings).toMatchObject({ batches: 2, batched: 4 });
  });

  it("leaves the run's end to a task the worker still holds", async () => {
    const { runId, claimed } = await runWithClaims(2, 2);
    const [first, second] = claimed as [ClaimedTask, ClaimedTask];
    // Stored while the worker holds the other: the run is not asked about (it could not be done anyway).
    expect(await completeTasks([{ task: first, candidate: answer("one") }], { runStillHeld: () => true })).toEqual([true]);
    expect(await completeTasks([{ task: second, candidate: answer("two") }])).toEqual([true]);
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
  });

  it("never deadlocks when a worker's lease renewal, its hand-over and its batch's write meet on the same tasks in opposite orders", async () => {
    // The heartbeat, the hand-overs and the batcher run on three connections of one worker. All lock the
    // tasks they touch in id order; in any other order two could each hold a row the other waits for,
    // and Postgres would abort one (a batch lost, its tasks failed) with a deadlock.
    const { runId, claimed } = await runWithClaims(40, 40);
    const rounds = 8;
    const perRound = claimed.length / rounds;
    for (let round = 0; round < rounds; round += 1) {
      const batch = claimed.slice(round * perRound, (round + 1) * perRound);
      const answering = claimed.slice((round + 1) * perRound, (round + 2) * perRound);
      const held = claimed.slice(round * perRound);
      const [renewed, results] = await Promise.all([
        renewLeases([...held].reverse(), 60_000),
        completeTasks(batch.map((task) => ({ task, candidate: answer(task.id) }))),
        handOver([...answering].reverse(), { leaseMs: 60_000 }),
      ]);
      expect(results.every((stored) => stored)).toBe(true);
      // What the batch did not store is still held and was renewed.
      for (const task of held.slice(perRound)) expect(renewed.has(`${task.id}:${task.attempts}`)).toBe(true);
    }
    expect(await getDb().candidate.count({ where: { generationTask: { runId } } })).toBe(40);
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
  });
});

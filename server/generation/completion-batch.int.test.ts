import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAiServer } from "@/tests/support/fake-openai-server";
import { makeUser } from "@/tests/support/factories";
import { makeEndpoint, makePromptSetWithPrompts } from "@/tests/support/generation-factories";
import { getDb } from "../db/client";
import { startRun } from "../services/generation/start-run";
import { CompletionBatcher } from "./completion-batcher";
import { claimTasks, completeTasks, renewLeases, type CandidateProvenance, type ClaimedTask } from "./task-queue";

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

describe("batched completion of generation tasks", () => {
  it("stores a batch in one write, but no candidate of a task whose lease ran out or was taken over, and hands over only the freed slots", async () => {
    const { claimed } = await runWithClaims(6, 3);
    const [held, expired, takenOver] = claimed as [ClaimedTask, ClaimedTask, ClaimedTask];
    // The worker stalled past its lease on one task; another worker claimed the other again.
    await getDb().generationTask.update({ where: { id: expired.id }, data: { lockedUntil: new Date(Date.now() - 1_000) } });
    await getDb().generationTask.update({ where: { id: takenOver.id }, data: { attempts: takenOver.attempts + 1 } });

    const results = await completeTasks(
      [
        { task: held, candidate: answer("kept"), claimNext: true },
        { task: expired, candidate: answer("late"), claimNext: true },
        { task: takenOver, candidate: answer("stale"), claimNext: true },
      ],
      { leaseMs: 60_000 },
    );

    expect(results.map((result) => result.stored)).toEqual([true, false, false]);
    expect(await candidatesOf(held)).toMatchObject([{ content: "kept", params: { temperature: 0.5 }, seed: 7, latencyMs: 12, finishReason: "stop" }]);
    expect(await candidatesOf(expired)).toEqual([]);
    expect(await candidatesOf(takenOver)).toEqual([]);
    expect(await taskRow(held)).toMatchObject({ status: "SUCCEEDED", lockedUntil: null });
    // Left for whoever claims it next (its lease is over), and the new holder's attempt untouched.
    expect(await taskRow(takenOver)).toMatchObject({ status: "RUNNING", attempts: takenOver.attempts + 1 });
    // One slot freed, one task handed over: the endpoint's count of 3 holds.
    expect(results[0]!.next).not.toBeNull();
    expect(results[1]!.next).toBeNull();
    expect(results[2]!.next).toBeNull();
    const running = await getDb().generationTask.count({ where: { endpointId: held.endpointId, status: "RUNNING", lockedUntil: { gt: new Date() } } });
    expect(running).toBe(2);
  });

  it("groups answers that arrive together into one write, skips an abandoned one, and finishes the run", async () => {
    const { runId, claimed } = await runWithClaims(4, 4);
    const timings = { batches: 0, batchMs: 0, batched: 0 };
    const batcher = new CompletionBatcher({ leaseMs: 60_000, timings });
    const abandoned = new AbortController();
    abandoned.abort(new Error("lease given up"));
    const results = await Promise.all(
      claimed.map((task, index) => batcher.complete({ task, candidate: answer(`answer ${index}`), claimNext: true }, index === 3 ? abandoned.signal : new AbortController().signal)),
    );
    expect(results.map((result) => result.stored)).toEqual([true, true, true, false]);
    expect(timings).toMatchObject({ batches: 1, batched: 3 });
    expect(await candidatesOf(claimed[3]!)).toEqual([]);
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("RUNNING");
    // The abandoned task, once it is stored by a holder, is the last: the run completes.
    await getDb().generationTask.update({ where: { id: claimed[3]!.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    const [last] = await Promise.all([batcher.complete({ task: claimed[3]!, candidate: answer("last"), claimNext: true }, new AbortController().signal)]);
    expect(last).toEqual({ stored: true, next: null });
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
    expect(timings).toMatchObject({ batches: 2, batched: 4 });
  });

  it("never deadlocks when a worker's lease renewal and its batch's write meet on the same tasks in opposite orders", async () => {
    // The heartbeat and the batcher run on two connections of one worker. Both lock the tasks they
    // touch in id order; in any other order the two could each hold a row the other waits for, and
    // Postgres would abort one (a batch lost, its tasks failed) with a deadlock.
    const { runId, claimed } = await runWithClaims(40, 40);
    const rounds = 8;
    const perRound = claimed.length / rounds;
    for (let round = 0; round < rounds; round += 1) {
      const batch = claimed.slice(round * perRound, (round + 1) * perRound);
      const held = claimed.slice(round * perRound);
      const [renewed, results] = await Promise.all([
        renewLeases([...held].reverse(), 60_000),
        completeTasks(
          batch.map((task) => ({ task, candidate: answer(task.id), claimNext: false })),
          { leaseMs: 60_000 },
        ),
      ]);
      expect(results.every((result) => result.stored)).toBe(true);
      // What the batch did not store is still held and was renewed.
      for (const task of held.slice(perRound)) expect(renewed.has(`${task.id}:${task.attempts}`)).toBe(true);
    }
    expect(await getDb().candidate.count({ where: { generationTask: { runId } } })).toBe(40);
    expect((await getDb().generationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("COMPLETED");
  });
});

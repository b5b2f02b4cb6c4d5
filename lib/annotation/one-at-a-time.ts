/**
 * Runs `task` one call at a time. A call while a run is under way does not start a second one beside it:
 * it waits for one more run after the current one (calls made meanwhile share that run), so that its
 * promise resolves only after a run that started after the call. The outbox's flush uses it: a claim made
 * after a flush must never find the judgment queued just before it still unsent.
 */
export function oneAtATime(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let following: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const run = task().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    following ??= running.then(
      () => {
        following = null;
        return start();
      },
      () => {
        following = null;
        return start();
      },
    );
    return following;
  };
}

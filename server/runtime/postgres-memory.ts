/**
 * How much shared memory (shared_buffers) the embedded Postgres gets. Postgres's own default is 128 MB
 * whatever the machine; at 1,000,000 exported pairs the tables outgrow that and the export's per-prompt
 * index lookups read from the kernel's page cache instead (README "Dataset export").
 *
 * The rule: a quarter of the machine's memory (or of the container's limit when it has a smaller one),
 * between 128 MB and 2 GB. Postgres maps it at start but touches its pages only as it fills them, so a
 * test run's throwaway Postgres on a small database costs little more than with 128 MB; the 2 GB cap keeps
 * several of them on one CI machine (each test run starts one) within bounds when they do fill up.
 * ARBITER_PG_SHARED_BUFFERS overrides it (e.g. `512MB`, `2GB`).
 */
const MiB = 1024 * 1024;
export const SHARED_BUFFERS_MIN_MB = 128;
export const SHARED_BUFFERS_MAX_MB = 2048;

export function sharedBuffersFor(memoryBytes: number): string {
  const quarterMb = Math.floor(memoryBytes / 4 / MiB);
  return `${Math.min(SHARED_BUFFERS_MAX_MB, Math.max(SHARED_BUFFERS_MIN_MB, quarterMb))}MB`;
}

/** The machine's memory, or the cgroup limit when smaller (process.constrainedMemory: 0 or undefined when none). */
export function availableMemory(total: number, constrained: number | undefined): number {
  return constrained && constrained > 0 && constrained < total ? constrained : total;
}

/** ARBITER_PG_SHARED_BUFFERS when set (validated), else the rule above. */
export function sharedBuffersSetting(env: Record<string, string | undefined>, memoryBytes: number): string {
  const raw = env.ARBITER_PG_SHARED_BUFFERS?.trim();
  if (!raw) return sharedBuffersFor(memoryBytes);
  const match = /^(\d+)\s*(MB|GB)$/i.exec(raw);
  const mb = match ? Number(match[1]) * (match[2]!.toUpperCase() === "GB" ? 1024 : 1) : NaN;
  if (!Number.isSafeInteger(mb) || mb < 16 || mb > 1024 * 1024) {
    throw new Error(
      `ARBITER_PG_SHARED_BUFFERS must be a size in MB or GB between 16MB and 1024GB, like 512MB or 2GB (got "${raw}").`,
    );
  }
  return `${mb}MB`;
}

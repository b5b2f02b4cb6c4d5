/** A generation run's status as the database stores it (Prisma's RunStatus); the UI names each through generationRun.status. */
export const runStatuses = ["QUEUED", "RUNNING", "COMPLETED", "CANCELLED", "FAILED"] as const;
export type RunStatusName = (typeof runStatuses)[number];

export function isRunStatus(status: string): status is RunStatusName {
  return (runStatuses as readonly string[]).includes(status);
}

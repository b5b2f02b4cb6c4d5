// What the benches read from /proc (Linux only) to say where the CPU went: bench:load per process tree,
// bench:generation for the Postgres server.
import { readFileSync } from "node:fs";

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const CLOCK_TICKS_PER_SECOND = 100;

export type ProcStat = { ppid: number; cpuMs: number; reapedMs: number };

/**
 * A process's parent, its own CPU time (user + system, ms) and that of its children it has reaped (an
 * ended Postgres backend); undefined when the process is gone or this is not Linux.
 */
export function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): ppid, then utime, stime, cutime, cstime at 11-14.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (i: number) => (Number(fields[i]) * 1000) / CLOCK_TICKS_PER_SECOND;
    return { ppid: Number(fields[1]), cpuMs: ms(11) + ms(12), reapedMs: ms(13) + ms(14) };
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) used so far by a Postgres server on this machine: the postmaster (found as the parent of
 * `backendPid`, a connection's pg_backend_pid()), its live processes, and the ended ones it has reaped.
 * Undefined when that process is not visible here (another machine, not Linux).
 */
export function postgresServerCpuMs(backendPid: number): number | undefined {
  const postmaster = procStat(backendPid)?.ppid;
  const main = postmaster === undefined ? undefined : procStat(postmaster);
  if (postmaster === undefined || !main) return undefined;
  let total = main.cpuMs + main.reapedMs;
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  } catch {
    // Not Linux, or the postmaster is gone: its own times only.
  }
  for (const child of children) total += procStat(Number(child))?.cpuMs ?? 0;
  return total;
}

// Plain JavaScript: server/config.ts and scripts/serve.mjs (outside Next, whose HTTP admission cap defaults
// to the pool's size) read the same rule.
import { availableParallelism } from "node:os";

/**
 * Prisma's pool when DATABASE_POOL_SIZE is unset: 4 connections per core plus 2, between 10 and 20 (10 on
 * 2 cores, 18 on 4, 20 from 5 cores up). Not PostgreSQL's "2 x cores + 1" for busy connections: a
 * connection is also held while its claim waits for a prompt row another claim has locked, and while this
 * process's event loop is busy with other requests. On 2 cores bench:annotation showed no clear difference
 * between 5, 10 and 20 (README, "Connections to Postgres"), so 2 cores keep the former default of 10.
 */
export const defaultPoolSize = (cores = availableParallelism()) => Math.min(20, Math.max(10, 4 * cores + 2));

// Types of pool-size.mjs (plain JavaScript, also read by scripts/serve.mjs outside Next).
/** Prisma's pool when DATABASE_POOL_SIZE is unset: 4 per core plus 2, between 10 and 20. */
export declare const defaultPoolSize: (cores?: number) => number;

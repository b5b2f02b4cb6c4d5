import "server-only";
import { Prisma } from "../../../db/client";

/*
 * "Counts toward overlap": which judgments and which leases fill a prompt's `overlap` slots. This
 * module is the only place that rule is written; claim, submit, the annotate list, review and the
 * prompt-set page all build their SQL from it.
 *
 * - A judgment fills a slot when an annotator made it as an annotator (source HUMAN): adjudications
 *   (an admin's settlement) and labels imported with a file never do, nor will judgments of later
 *   sources (model judges).
 * - A lease holds a slot while it is ACTIVE and not past `expires_at`. Expiry is computed here from the
 *   clock of the database, so no sweeping job is needed for a lapsed lease to free its slot; a claim
 *   marks the lapsed leases of the prompt it locks EXPIRED (the partial unique index on active leases
 *   needs that before the same annotator may lease the prompt again).
 *
 * The aliases are SQL identifiers written by our own code, never user input.
 */

/** The condition on a `judgments` row (aliased `alias`) for it to fill an overlap slot. */
export function countsTowardOverlap(alias = "j"): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(alias)}.source = 'HUMAN'`;
}

/** The condition on an `assignments` row (aliased `alias`) for it to hold an overlap slot now. */
export function holdsSlot(alias = "a"): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`${a}.status = 'ACTIVE' AND ${a}.expires_at > now()`;
}

/** The condition on an ACTIVE `assignments` row for its lease to have lapsed (the complement of `holdsSlot`). */
export function leaseLapsed(alias = "a"): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`${a}.status = 'ACTIVE' AND ${a}.expires_at <= now()`;
}

/** Judgments filling slots of the prompt `promptId` (an SQL expression: a column or a parameter). */
export function judgmentsFillingSlots(promptId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(*) FROM judgments oj WHERE oj.prompt_id = ${promptId} AND ${countsTowardOverlap("oj")})`;
}

/**
 * Slots of the prompt `promptId` that are filled: its counted judgments plus the leases holding a slot,
 * leaving out `exceptAnnotatorId`'s leases (a late submission does not compete with its own lease).
 */
export function filledSlots(promptId: Prisma.Sql, { exceptAnnotatorId }: { exceptAnnotatorId?: string } = {}): Prisma.Sql {
  const notMine = exceptAnnotatorId ? Prisma.sql`AND oa.annotator_id <> ${exceptAnnotatorId}::uuid` : Prisma.empty;
  return Prisma.sql`(${judgmentsFillingSlots(promptId)}
    + (SELECT count(*) FROM assignments oa WHERE oa.prompt_id = ${promptId} AND ${holdsSlot("oa")} ${notMine}))`;
}

/** A prompt id as a parameter, for the functions above. */
export const promptParam = (promptId: string): Prisma.Sql => Prisma.sql`${promptId}::uuid`;

/*
 * The claim's bookkeeping: prompts.open_slots (migration 20261130133000_claim_open_slots) is the slot
 * target (the set's overlap + prompts.extra_slots) less the HUMAN judgments and the ACTIVE leases, lapsed
 * ones included until a claim marks them EXPIRED (every claim does, first). So at any moment
 *   open_slots = target - (filled slots by the rule above) - (lapsed leases still ACTIVE),
 * and open_slots is null while the prompt was never leased (then nothing fills it: all open). Gold prompts
 * are outside it. Every transaction that changes what fills a slot changes open_slots with it: claim
 * (arbiter_claim), submit, skip, expiry (arbiter_claim, late submit), reopen, adaptive overlap.
 */

/** What prompts.open_slots must hold for the prompt aliased `p` of the set aliased `s` (the reconciliation). */
export function expectedOpenSlots(p = "p", s = "s"): Prisma.Sql {
  const prompt = Prisma.raw(p);
  const set = Prisma.raw(s);
  return Prisma.sql`(${set}.overlap + ${prompt}.extra_slots
    - (SELECT count(*) FROM judgments ej WHERE ej.prompt_id = ${prompt}.id AND ${countsTowardOverlap("ej")})
    - (SELECT count(*) FROM assignments ea WHERE ea.prompt_id = ${prompt}.id AND ea.status = 'ACTIVE'))::int`;
}

/** Gives `slots` slots back to the prompt (a lease ended without a judgment); null (never leased) stays null. */
export function returnSlots(promptId: string, slots = 1): Prisma.Sql {
  return Prisma.sql`UPDATE prompts SET open_slots = open_slots + ${slots}::int WHERE id = ${promptId}::uuid`;
}

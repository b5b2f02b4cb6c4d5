/** The sentence that places a result line's problem: `line 3 (custom_id): ...` (errors.batchLine). */
export function batchLineKey(customId: string | undefined) {
  return customId === undefined ? ("batchLine.atLine" as const) : ("batchLine.atLineWithId" as const);
}


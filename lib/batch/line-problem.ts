import { errorText } from "../i18n/translate";
import type { FieldReason } from "../schemas/field-message";
import type { BatchLineProblem } from "./contracts";
import { batchLineKey } from "./line-key";

/** A refused or failed result line: where, the problem as a reason, and the whole sentence in English. */
export function batchLineProblem(line: number, customId: string | undefined, problem: FieldReason): BatchLineProblem {
  const text = errorText("en", problem.key, problem.params);
  const message = errorText("en", batchLineKey(customId), { line: String(line), customId: customId ?? "", problem: text });
  return customId === undefined ? { line, problem, message } : { line, customId, problem, message };
}

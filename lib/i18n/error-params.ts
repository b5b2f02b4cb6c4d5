import { isReasonMessage, readReasonList } from "../schemas/field-message";
import type { ErrorKey, ErrorParams, Messages, PermissionAction } from "./catalogues";

type FieldLabel = keyof Messages["errors"]["fieldLabel"];

/**
 * Parameters of an error reason that are words of the product rather than data, translated before
 * they are put in the message: a `role` (ADMIN) by its label, a `what` ("run generation") by
 * errors.permissionActions, a field's `label` ("candidatesPerPrompt") by errors.fieldLabel, the kind of
 * value a record held (`got`: "number") by errors.valueKind. English keeps
 * the raw role and action (scripts and the API have always read them that way); a label is always a key.
 * A param whose value is itself a reason, or a list of them (reasonListMessage: a verifier check list's
 * problems, each with its place), is put in words by `translate` (the caller's translator, which passes
 * its params here again), a list joined by errors.field.separator.
 * Takes the catalogue (not the locale) so the browser passes the one it has.
 */
export function localParams(
  catalogue: Messages,
  params: ErrorParams | undefined,
  { english = false, translate }: { english?: boolean; translate?: (key: ErrorKey, params: ErrorParams | undefined) => string } = {},
): ErrorParams | undefined {
  if (!params) return params;
  const out: ErrorParams = { ...params };
  if (translate) {
    for (const [name, value] of Object.entries(params)) {
      if (isReasonMessage(value)) out[name] = readReasonList(value).map((reason) => translate(reason.key, reason.params)).join(catalogue.errors.field.separator);
    }
  }
  if (typeof params.label === "string" && Object.hasOwn(catalogue.errors.fieldLabel, params.label)) out.label = catalogue.errors.fieldLabel[params.label as FieldLabel];
  if (typeof params.got === "string" && Object.hasOwn(catalogue.errors.valueKind, params.got)) out.got = catalogue.errors.valueKind[params.got as keyof Messages["errors"]["valueKind"]];
  if (english) return out;
  if (typeof params.role === "string" && Object.hasOwn(catalogue.vocabulary.role, params.role)) out.role = catalogue.vocabulary.role[params.role as keyof Messages["vocabulary"]["role"]];
  if (typeof params.what === "string" && Object.hasOwn(catalogue.errors.permissionActions, params.what)) out.what = catalogue.errors.permissionActions[params.what as PermissionAction];
  return out;
}

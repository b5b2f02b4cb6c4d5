import type { ErrorParams, Messages, PermissionAction } from "./catalogues";

/**
 * Parameters of an error reason that are words of the product rather than data, translated before
 * they are put in the message: a `role` (ADMIN) by its label, a `what` ("run generation") by
 * errors.permissionActions. Takes the catalogue (not the locale) so the browser passes the one it has.
 */
export function localParams(catalogue: Messages, params: ErrorParams | undefined): ErrorParams | undefined {
  if (!params) return params;
  const out: ErrorParams = { ...params };
  if (typeof params.role === "string" && Object.hasOwn(catalogue.vocabulary.role, params.role)) out.role = catalogue.vocabulary.role[params.role as keyof Messages["vocabulary"]["role"]];
  if (typeof params.what === "string" && Object.hasOwn(catalogue.errors.permissionActions, params.what)) out.what = catalogue.errors.permissionActions[params.what as PermissionAction];
  return out;
}

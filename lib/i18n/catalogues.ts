import type { MessageKeys, NestedKeyOf } from "use-intl/core";
import en from "@/messages/en.json" with { type: "json" };
import zh from "@/messages/zh.json" with { type: "json" };
import type { Locale } from "./locales";

/**
 * The UI's words, one catalogue per language (messages/en.json, messages/zh.json; ICU message syntax).
 * English is the reference: `tsc` refuses a Chinese catalogue that lacks one of its keys (the
 * annotation below), and catalogues.test.ts refuses a placeholder or tag that differs between them.
 */
export type Messages = typeof en;
export const catalogues: Record<Locale, Messages> = { en, "zh-CN": zh };

/** A server error's reason: a key under `errors` in the catalogues (AppError carries it with its params). */
export type ErrorKey = MessageKeys<Messages["errors"], NestedKeyOf<Messages["errors"]>>;
export type ErrorParams = Record<string, string | number>;
/** An action a role may be refused, in English: also its key under errors.permissionActions. */
export type PermissionAction = keyof Messages["errors"]["permissionActions"];

/**
 * The part of a catalogue that client components read, which the root layout hands to the browser.
 * The rest stays on the server: the page's HTML then carries no words it does not show (the names of
 * candidate sources, for one, must not reach an annotator's browser even as catalogue entries).
 */
export function clientMessages(messages: Messages) {
  const { common, errors, locale, quality, shell, signIn, status, theme, workspace, vocabulary } = messages;
  // Admin and engineer pages' client components (no candidate-source words among them).
  const { endpoints, exports, review, users, ui, promptSetForm, rewriteRules, importPanel, generationRun, batch, judges, verifiers } = messages;
  return {
    common,
    errors,
    locale,
    shell,
    signIn,
    status,
    theme,
    workspace,
    vocabulary: {
      flag: vocabulary.flag,
      messageRole: vocabulary.messageRole,
      role: vocabulary.role,
      roleDescription: vocabulary.roleDescription,
      judgingMode: vocabulary.judgingMode,
      judgingModeHint: vocabulary.judgingModeHint,
    },
    endpoints,
    exports,
    review,
    users,
    ui,
    promptSetForm,
    rewriteRules,
    importPanel,
    generationRun,
    quality,
    batch,
    judges,
    verifiers,
  };
}

// next-intl's typed keys and locales: `t("workspace.submit")` fails to compile when the key is not in
// messages/en.json, and `useLocale()` returns our Locale.
import type { Messages } from "./catalogues";
import type { Locale } from "./locales";

declare module "next-intl" {
  // Declaration merging needs an interface: a type alias cannot extend next-intl's AppConfig.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}

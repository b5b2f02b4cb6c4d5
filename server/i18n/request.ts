import "server-only";
import { getRequestConfig } from "next-intl/server";
import { catalogues } from "@/lib/i18n/catalogues";
import { TIME_ZONE } from "@/lib/i18n/translate";
import { getRequestLocale } from "./locale";

// next-intl without i18n routing (no locale in the URL): the plugin in next.config.mjs points here.
export default getRequestConfig(async () => {
  const locale = await getRequestLocale();
  return { locale, messages: catalogues[locale], timeZone: TIME_ZONE };
});

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/shell/status-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("status"))("forbiddenMeta") };
}

export default async function Forbidden() {
  const t = await getTranslations("status");
  return (
    <StatusPage code="403" title={t("forbiddenTitle")}>
      <p>{t("forbiddenBody")}</p>
    </StatusPage>
  );
}

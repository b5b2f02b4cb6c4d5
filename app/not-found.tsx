import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/shell/status-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("status"))("notFoundMeta") };
}

export default async function NotFound() {
  const t = await getTranslations("status");
  return (
    <StatusPage code="404" title={t("notFoundTitle")}>
      <p>{t("notFoundBody")}</p>
    </StatusPage>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { areasFor } from "@/components/shell/areas";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/server/auth/page-guards";

export default async function HomePage() {
  const actor = await requirePageActor();
  const areas = areasFor(actor);
  const t = await getTranslations();

  return (
    <>
      <PageHeader
        title={t("home.welcome", { name: actor.name })}
        description={t("home.roleIntro", { role: t(`vocabulary.role.${actor.role}`) })}
      />
      {areas.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {areas.map((area) => (
            <li key={area.href}>
              {/* The link's box covers the card (after:inset-0), so the whole card is one click target with one name. */}
              <Card className="relative h-full transition-colors focus-within:border-ring hover:border-border-strong">
                <CardTitle>
                  <Link href={area.href} className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none">
                    {t(`shell.areas.${area.key}.label`)}
                  </Link>
                </CardTitle>
                <CardDescription>{t(`shell.areas.${area.key}.description`)}</CardDescription>
              </Card>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title={t("home.noAreasTitle")}>
          <p>{t("home.noAreasBody")}</p>
        </EmptyState>
      )}
    </>
  );
}

import Link from "next/link";
import { areasFor } from "@/components/shell/areas";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { roleLabels } from "@/lib/vocabulary";
import { requirePageActor } from "@/server/auth/page-guards";

export default async function HomePage() {
  const actor = await requirePageActor();
  const areas = areasFor(actor);

  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name}`}
        description={`You have the ${roleLabels[actor.role]} role. These are the parts of Arbiter you can use.`}
      />
      {areas.length > 0 ? (
        <ul className="grid gap-4 sm:grid-cols-2">
          {areas.map((area) => (
            <li key={area.href}>
              {/* The link's box covers the card (after:inset-0), so the whole card is one click target with one name. */}
              <Card className="relative h-full transition-colors focus-within:border-ring hover:border-border-strong">
                <CardTitle>
                  <Link href={area.href} className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none">
                    {area.label}
                  </Link>
                </CardTitle>
                <CardDescription>{area.description}</CardDescription>
              </Card>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="Nothing here for your role yet">
          <p>Ask an admin which role you should have.</p>
        </EmptyState>
      )}
    </>
  );
}

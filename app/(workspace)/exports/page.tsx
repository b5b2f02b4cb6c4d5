import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canExport } from "@/server/authz/permissions";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  await requirePagePermission(canExport);

  return (
    <>
      <PageHeader title="Exports" description="Reproducible training datasets built from judgments, with a manifest of exactly what went in." />
      <EmptyState title="No exports yet">
        <p>
          Build SFT, DPO, KTO and prompt-only datasets from judgments here: choose a format and a pairing policy, filter by agreement, split train and test,
          then download the files or pull them through the API, with counts and hashes in a manifest.
        </p>
        <p>There are no judgments to export yet. They arrive as annotators work through prompt sets; come back then.</p>
      </EmptyState>
    </>
  );
}

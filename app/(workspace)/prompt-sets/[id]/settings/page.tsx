import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MembersForm } from "@/components/prompt-sets/members-form";
import { PromptSetForm } from "@/components/prompt-sets/prompt-set-form";
import { SimpleActionForm } from "@/components/prompt-sets/simple-action-form";
import { QualitySettingsForm } from "@/components/quality/quality-settings-form";
import { saveQualitySettingsAction } from "../quality/actions";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/page-guards";
import { canManagePromptSets } from "@/lib/authz/permissions";
import { getPromptSet } from "@/server/services/prompt-sets/get-prompt-set";
import { listUsers } from "@/server/services/users/list-users";
import { getQualitySettings } from "@/server/services/quality/get-quality-settings";
import { deletePromptSetAction, setArchivedAction, setMembersAction, updatePromptSetAction } from "../../actions";
import { loadOrNotFound } from "@/server/http/load-or-not-found";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("promptSets"))("settings.metaTitle") };
}

export default async function PromptSetSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission(canManagePromptSets);
  const { id } = await params;
  const set = await loadOrNotFound(getPromptSet({ actor, promptSetId: id }));
  const quality = await getQualitySettings({ actor, promptSetId: id });
  const t = await getTranslations("promptSets");
  const memberIds = new Set(set.members.map((member) => member.id));
  const people = (await listUsers({ actor }))
    .filter((user) => !user.disabledAt && (user.role === "ANNOTATOR" || memberIds.has(user.id)))
    .map((user) => ({ id: user.id, name: user.name, email: user.email, isMember: memberIds.has(user.id) }));

  return (
    <>
      <PageHeader
        title={t("settings.title", { name: set.name })}
        actions={
          <Link href={`/prompt-sets/${id}`} className="text-sm underline underline-offset-2">
            {t("settings.back")}
          </Link>
        }
      />
      <div className="space-y-8">
        {set.archivedAt ? null : (
          <Card>
            <CardTitle>{t("settings.settingsTitle")}</CardTitle>
            <div className="mt-5">
              <PromptSetForm
                action={updatePromptSetAction}
                promptSetId={id}
                submitLabel={t("settings.save")}
                initial={{
                  name: set.name,
                  description: set.description,
                  guidelines: set.guidelines,
                  defaultSystemMessage: set.defaultSystemMessage ?? "",
                  judgingMode: set.judgingMode,
                  candidatesPerPrompt: String(set.candidatesPerPrompt),
                  overlap: String(set.overlap),
                }}
              />
            </div>
          </Card>
        )}
        {set.archivedAt ? null : (
          <Card>
            <CardTitle>{t("settings.qualityTitle")}</CardTitle>
            <CardDescription>{t("settings.qualityDescription")}</CardDescription>
            <div className="mt-5">
              <QualitySettingsForm
                action={saveQualitySettingsAction}
                promptSetId={id}
                initial={{
                  goldRate: String(quality.goldRate),
                  goldMinItems: String(quality.goldMinItems),
                  goldMinAccuracy: String(quality.goldMinAccuracy),
                  goldPause: quality.goldPause,
                  overlapMax: quality.overlapMax === null ? "" : String(quality.overlapMax),
                  adaptiveMinAgreement: quality.adaptiveMinAgreement === null ? "" : String(quality.adaptiveMinAgreement),
                }}
              />
            </div>
          </Card>
        )}
        {set.archivedAt ? null : (
          <Card>
            <CardTitle>{t("settings.membersTitle")}</CardTitle>
            <CardDescription>{t("settings.membersDescription")}</CardDescription>
            <div className="mt-5">
              <MembersForm promptSetId={id} people={people} action={setMembersAction} />
            </div>
          </Card>
        )}
        <Card>
          <CardTitle>{set.archivedAt ? t("settings.restoreOrDelete") : t("settings.archiveOrDelete")}</CardTitle>
          <CardDescription>{t("settings.archiveDescription")}</CardDescription>
          <div className="mt-5 flex flex-wrap gap-6">
            <SimpleActionForm
              action={setArchivedAction}
              hidden={{ promptSetId: id, archived: set.archivedAt ? "false" : "true" }}
              label={set.archivedAt ? t("settings.restore") : t("settings.archive")}
              testId="archive"
            />
            <SimpleActionForm action={deletePromptSetAction} hidden={{ promptSetId: id }} label={t("settings.delete")} variant="danger" testId="delete" confirm={t("settings.deleteConfirm", { name: set.name })} />
          </div>
        </Card>
      </div>
    </>
  );
}

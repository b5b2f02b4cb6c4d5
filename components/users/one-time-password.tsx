import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/ui/copy-button";

/** A password the server returned once (generated or reset): the element with `testId` holds exactly the password. */
export function OneTimePassword({ password, testId }: { password: string; testId: string }) {
  const t = useTranslations("users");
  return (
    <div className="mt-2 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="rounded border border-border bg-surface px-2 py-1 font-mono text-sm break-all text-foreground select-all">
          {password}
        </code>
        <CopyButton value={password} label={t("copyPassword")} />
      </div>
      <p className="text-xs">{t("showOnce")}</p>
    </div>
  );
}

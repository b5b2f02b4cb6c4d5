"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Select } from "@/components/ui/select";
import type { ExportPreviewData } from "./export-action-state";

/** The first records rendered through a chosen chat template: grey = context (no loss), highlighted = target (loss). */
export function TrainerViewPanel({ views }: { views: ExportPreviewData["trainerViews"] }) {
  const t = useTranslations("exports.trainer");
  const [templateId, setTemplateId] = useState(views[0]?.templateId ?? "");
  const chosen = views.find((view) => view.templateId === templateId);
  if (!chosen) return null;
  return (
    <section aria-label={t("label")} className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-medium">{t("label")}</h4>
        <label className="flex items-center gap-2 text-sm">
          {t("chatTemplate")}
          <Select value={templateId} onChange={(event) => setTemplateId(event.target.value)} aria-label={t("chatTemplate")}>
            {views.map((view) => (
              <option key={view.templateId} value={view.templateId}>
                {view.templateLabel}
              </option>
            ))}
          </Select>
        </label>
      </div>
      <p className="text-xs text-muted-foreground">
        {t.rich("explain", { source: chosen.source, code: (chunks) => <code>{chunks}</code>, mark: (chunks) => <mark className="bg-accent-muted px-1">{chunks}</mark> })}
      </p>
      {chosen.records.map((views, recordIndex) =>
        views.map((view, viewIndex) => (
          <figure key={`${recordIndex}-${viewIndex}`} className="space-y-1">
            <figcaption className="text-xs text-muted-foreground">
              {view.note ? t("recordNote", { n: recordIndex + 1, label: view.label, note: view.note }) : t("record", { n: recordIndex + 1, label: view.label })}
            </figcaption>
            <pre data-testid="trainer-view" className="overflow-x-auto rounded-md bg-surface-muted p-3 text-xs whitespace-pre-wrap">
              {view.segments.map((segment, index) =>
                segment.loss ? (
                  <mark key={index} data-testid="trainer-view-target" className="bg-accent-muted">
                    {segment.text}
                  </mark>
                ) : (
                  <span key={index} className="text-muted-foreground">
                    {segment.text}
                  </span>
                ),
              )}
            </pre>
          </figure>
        )),
      )}
    </section>
  );
}

"use client";

import { useState } from "react";
import { Select } from "@/components/ui/select";
import type { ExportPreviewData } from "./export-action-state";

/** The first records rendered through a chosen chat template: grey = context (no loss), highlighted = target (loss). */
export function TrainerViewPanel({ views }: { views: ExportPreviewData["trainerViews"] }) {
  const [templateId, setTemplateId] = useState(views[0]?.templateId ?? "");
  const chosen = views.find((view) => view.templateId === templateId);
  if (!chosen) return null;
  return (
    <section aria-label="What the trainer sees" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h4 className="text-sm font-medium">What the trainer sees</h4>
        <label className="flex items-center gap-2 text-sm">
          Chat template
          <Select value={templateId} onChange={(event) => setTemplateId(event.target.value)} aria-label="Chat template">
            {views.map((view) => (
              <option key={view.templateId} value={view.templateId}>
                {view.templateLabel}
              </option>
            ))}
          </Select>
        </label>
      </div>
      <p className="text-xs text-muted-foreground">
        Rendered with @huggingface/jinja from <code>{chosen.source}</code>. <mark className="bg-accent-muted px-1">Highlighted</mark> text is the
        target the loss applies to; the rest is context. Model output is shown as text, never as HTML.
      </p>
      {chosen.records.map((views, recordIndex) =>
        views.map((view, viewIndex) => (
          <figure key={`${recordIndex}-${viewIndex}`} className="space-y-1">
            <figcaption className="text-xs text-muted-foreground">
              Record {recordIndex + 1}: {view.label}
              {view.note ? ` (${view.note})` : ""}
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

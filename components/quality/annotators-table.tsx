"use client";

import { useMemo, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { AnnotatorQualityView } from "@/lib/quality/contracts";
import type { OutlierReason } from "@/lib/quality/set-quality";
import type { FormAction } from "@/lib/forms/action-state";
import { SimpleActionForm } from "@/components/prompt-sets/simple-action-form";
import { qualityFormats } from "./format";

type Column = { key: keyof AnnotatorQualityView; label: "annotator" | "judgments" | "medianTime" | "looAgreement" | "goldAccuracy" | "leftPicks" | "longerPicks" | "ties" | "bothBad" | "skips"; kind: "count" | "share" | "time" | "text" };

const columns: Column[] = [
  { key: "name", label: "annotator", kind: "text" },
  { key: "judgments", label: "judgments", kind: "count" },
  { key: "medianTimeMs", label: "medianTime", kind: "time" },
  { key: "looAgreement", label: "looAgreement", kind: "share" },
  { key: "goldAccuracy", label: "goldAccuracy", kind: "share" },
  { key: "leftPickRate", label: "leftPicks", kind: "share" },
  { key: "longerPickRate", label: "longerPicks", kind: "share" },
  { key: "tieRate", label: "ties", kind: "share" },
  { key: "bothBadRate", label: "bothBad", kind: "share" },
  { key: "skips", label: "skips", kind: "count" },
];

/** A share as text plus a small bar (the bar is decoration: the text carries the number). */
function ShareCell({ value, pct }: { value: number | null; pct: (value: number | null) => string }) {
  return (
    <span className="flex items-center gap-2">
      <span className="w-14 text-right tabular-nums">{pct(value)}</span>
      <span className="h-1.5 w-16 overflow-hidden rounded bg-surface-muted" aria-hidden="true">
        {value === null ? null : <span className="block h-full bg-accent" style={{ width: `${Math.round(value * 100)}%` }} />}
      </span>
    </span>
  );
}

/** Per-annotator statistics, sortable by any column (click a header; again to reverse). */
export function AnnotatorsTable({ rows, promptSetId, unpauseAction }: { rows: AnnotatorQualityView[]; promptSetId: string; unpauseAction?: FormAction }) {
  const t = useTranslations("quality");
  const reasonText = (reason: OutlierReason) => t(`outlierReason.${reason.key}`, reason.params);
  const { pct, seconds, num } = qualityFormats(useFormatter(), t("na"), (value) => t("seconds", { value }));
  const [sort, setSort] = useState<{ key: keyof AnnotatorQualityView; descending: boolean }>({ key: "judgments", descending: true });
  const sorted = useMemo(() => {
    const value = (row: AnnotatorQualityView) => row[sort.key];
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const order = x < y ? -1 : 1;
      return sort.descending ? -order : order;
    });
  }, [rows, sort]);
  return (
    <Table caption={t("table.caption")} data-testid="annotators-table">
      <TableHead>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column.key} aria-sort={sort.key === column.key ? (sort.descending ? "descending" : "ascending") : "none"}>
              <button type="button" className="uppercase hover:text-foreground" onClick={() => setSort((current) => ({ key: column.key, descending: current.key === column.key ? !current.descending : column.kind !== "text" }))}>
                {t(`table.${column.label}`)}
                {sort.key === column.key ? (sort.descending ? " ↓" : " ↑") : ""}
              </button>
            </TableHeaderCell>
          ))}
          <TableHeaderCell>{t("table.status")}</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map((row) => (
          <TableRow key={row.annotatorId} data-testid="annotator-row">
            <TableCell>
              <span className="font-medium">{row.name}</span>
              <span className="block text-xs text-muted-foreground">{row.email}</span>
            </TableCell>
            <TableCell className="tabular-nums">{num(row.judgments, 0)}</TableCell>
            <TableCell className="tabular-nums">{seconds(row.medianTimeMs)}</TableCell>
            <TableCell>
              <ShareCell pct={pct} value={row.looAgreement} />
              <span className="text-xs text-muted-foreground">{t("table.items", { count: row.looItems })}</span>
            </TableCell>
            <TableCell data-testid="gold-accuracy">
              <ShareCell pct={pct} value={row.goldAccuracy} />
              <span className="text-xs text-muted-foreground">
                {t("table.goldOf", { correct: row.goldCorrect, items: row.goldItems })}
              </span>
            </TableCell>
            <TableCell>
              <ShareCell pct={pct} value={row.leftPickRate} />
              <span className="text-xs text-muted-foreground">{t("table.chance", { share: pct(row.leftPickChance) })}</span>
            </TableCell>
            <TableCell>
              <ShareCell pct={pct} value={row.longerPickRate} />
            </TableCell>
            <TableCell>
              <ShareCell pct={pct} value={row.tieRate} />
            </TableCell>
            <TableCell>
              <ShareCell pct={pct} value={row.bothBadRate} />
            </TableCell>
            <TableCell className="tabular-nums">{num(row.skips, 0)}</TableCell>
            <TableCell className="space-y-1">
              {row.outlier ? (
                <Badge tone="warning" title={row.outlierReasons.map(reasonText).join("; ")}>
                  {t("table.outlier")}
                </Badge>
              ) : null}
              {row.goldFlagged ? <Badge tone="danger">{t("table.goldFlagged")}</Badge> : null}
              {row.pausedAt ? <Badge tone="danger">{t("table.paused")}</Badge> : null}
              {row.outlierReasons.length ? <span className="block text-xs text-muted-foreground">{row.outlierReasons.map(reasonText).join("; ")}</span> : null}
              {row.pausedAt && unpauseAction ? <SimpleActionForm action={unpauseAction} hidden={{ promptSetId, userId: row.annotatorId }} label={t("table.unpause")} testId={`unpause-${row.annotatorId}`} /> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

import { useTranslations } from "next-intl";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";

type PassRate = { total: number; passed: number; failed: number; undecided: number; rate: number | null };

export function percent(rate: number | null): string {
  return rate === null ? "–" : `${(rate * 100).toFixed(1)}%`;
}

function RateCell({ value }: { value: PassRate }) {
  const t = useTranslations("verifiers");
  return (
    <TableCell className="tabular-nums">
      {percent(value.rate)}{" "}
      <span className="text-xs text-muted-foreground">
        ({value.passed}/{value.total - value.undecided}
        {value.undecided > 0 ? t("undecidedCount", { count: value.undecided }) : ""})
      </span>
    </TableCell>
  );
}

/** Pass rates per model (all of a candidate's checks passed) and per model x verifier. */
export function PassRates({ byModel, byVerifier, cells }: { byModel: ({ model: string } & PassRate)[]; byVerifier: ({ verifier: string } & PassRate)[]; cells: ({ model: string; verifier: string } & PassRate)[] }) {
  const t = useTranslations("verifiers");
  const verifiers = byVerifier.map((v) => v.verifier);
  const cell = (model: string, verifier: string) => cells.find((c) => c.model === model && c.verifier === verifier);
  return (
    <Table caption={t("caption")} data-testid="pass-rates">
      <TableHead>
        <TableRow>
          <TableHeaderCell>{t("model")}</TableHeaderCell>
          <TableHeaderCell>{t("allChecks")}</TableHeaderCell>
          {verifiers.map((name) => (
            <TableHeaderCell key={name}>{name}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {byModel.map((row) => (
          <TableRow key={row.model} data-testid={`pass-rate-${row.model}`}>
            <TableHeaderCell scope="row" className="text-sm normal-case">
              {row.model}
            </TableHeaderCell>
            <RateCell value={row} />
            {verifiers.map((name) => {
              const value = cell(row.model, name);
              return value ? <RateCell key={name} value={value} /> : <TableCell key={name}>–</TableCell>;
            })}
          </TableRow>
        ))}
        <TableRow data-testid="pass-rate-all">
          <TableHeaderCell scope="row" className="text-sm normal-case">
            {t("allModels")}
          </TableHeaderCell>
          <TableCell />
          {byVerifier.map((value) => (
            <RateCell key={value.verifier} value={value} />
          ))}
        </TableRow>
      </TableBody>
    </Table>
  );
}

import type { ReactNode } from "react";
import { cx } from "./cx";

type AlertBase = { title?: ReactNode; children?: ReactNode; className?: string };

/**
 * Errors are role="alert" (announced at once) and must carry a test id: Next renders its own
 * role="alert" route announcer, so tests cannot find an error by role alone. Everything else is
 * role="status" (announced politely).
 */
export type AlertProps = AlertBase & ({ tone: "error"; testId: string } | { tone?: "info" | "success" | "warning"; testId?: string });

const toneClasses = {
  info: "border-border bg-surface-muted text-foreground",
  success: "border-success-border bg-success-muted text-success-text",
  warning: "border-warning-border bg-warning-muted text-warning-text",
  error: "border-danger-border bg-danger-muted text-danger-text",
} as const;

export function Alert({ tone = "info", title, children, className, testId }: AlertProps) {
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={testId} className={cx("rounded-md border px-3.5 py-2.5 text-sm", toneClasses[tone], className)}>
      {title ? <p className="font-medium">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}

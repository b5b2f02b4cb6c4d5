import type { ReactNode } from "react";
import { cx } from "./cx";

export type EmptyStateProps = {
  title: string;
  /** What will appear here and what to do now. */
  children: ReactNode;
  action?: ReactNode;
  headingLevel?: 2 | 3;
  className?: string;
};

export function EmptyState({ title, children, action, headingLevel = 2, className }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className={cx("rounded-lg border border-dashed border-border-strong bg-surface px-6 py-12 text-center", className)}>
      <Heading className="text-base font-semibold text-foreground">{title}</Heading>
      <div className="mx-auto mt-2 max-w-prose space-y-2 text-sm text-muted-foreground">{children}</div>
      {action ? <div className="mt-6 flex justify-center gap-2">{action}</div> : null}
    </div>
  );
}

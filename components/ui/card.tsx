import type { ComponentPropsWithRef } from "react";
import { cx } from "./cx";

export function Card({ className, ...props }: ComponentPropsWithRef<"div">) {
  return <div className={cx("rounded-lg border border-border bg-surface p-5 shadow-xs", className)} {...props} />;
}

export function CardTitle({ className, level = 2, ...props }: ComponentPropsWithRef<"h2"> & { level?: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  return <Heading className={cx("text-base font-semibold text-foreground", className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentPropsWithRef<"p">) {
  return <p className={cx("mt-1 text-sm text-muted-foreground", className)} {...props} />;
}

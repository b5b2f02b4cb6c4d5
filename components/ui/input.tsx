import type { ComponentPropsWithRef } from "react";
import { cx } from "./cx";

/** Shared by Input and Select: same height, border, invalid state. */
export const controlClasses = cx(
  "block h-9 w-full rounded-md border border-border-strong bg-surface px-3 text-sm text-foreground shadow-xs",
  "placeholder:text-muted-foreground/70 disabled:cursor-not-allowed disabled:opacity-60",
  "focus-visible:border-ring aria-[invalid=true]:border-danger",
);

export function Input({ className, ...props }: ComponentPropsWithRef<"input">) {
  return <input className={cx(controlClasses, className)} {...props} />;
}

import type { ComponentPropsWithRef } from "react";
import { cx } from "./cx";
import { controlClasses } from "./input";

export type SelectProps = ComponentPropsWithRef<"select"> & { wrapperClassName?: string };

/** A native <select> (keyboard, screen readers and mobile pickers for free) with our look. */
export function Select({ className, wrapperClassName, children, ...props }: SelectProps) {
  return (
    <div className={cx("relative", wrapperClassName)}>
      <select className={cx(controlClasses, "cursor-pointer appearance-none truncate pr-8", className)} {...props}>
        {children}
      </select>
      <svg
        aria-hidden="true"
        viewBox="0 0 16 16"
        className="pointer-events-none absolute top-1/2 right-2.5 size-3.5 -translate-y-1/2 text-muted-foreground"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      >
        <path d="M4 6l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </div>
  );
}

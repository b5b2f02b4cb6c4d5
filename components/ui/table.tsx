import type { ComponentPropsWithRef, ReactNode } from "react";
import { cx } from "./cx";

/** A bordered, horizontally scrollable table; give it a caption (visually hidden by default) for screen readers. */
export function Table({ caption, captionVisible = false, className, children, ...props }: ComponentPropsWithRef<"table"> & { caption?: ReactNode; captionVisible?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-xs">
      <table className={cx("w-full border-collapse text-left text-sm", className)} {...props}>
        {caption ? <caption className={captionVisible ? "px-4 py-3 text-left text-sm font-medium" : "sr-only"}>{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

export function TableHead({ className, ...props }: ComponentPropsWithRef<"thead">) {
  return <thead className={cx("border-b border-border bg-surface-muted", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentPropsWithRef<"tbody">) {
  return <tbody className={cx("divide-y divide-border", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentPropsWithRef<"tr">) {
  return <tr className={cx("align-top", className)} {...props} />;
}

export function TableHeaderCell({ className, scope = "col", ...props }: ComponentPropsWithRef<"th">) {
  return <th scope={scope} className={cx("px-3 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-muted-foreground uppercase", className)} {...props} />;
}

export function TableCell({ className, ...props }: ComponentPropsWithRef<"td">) {
  return <td className={cx("px-3 py-3", className)} {...props} />;
}

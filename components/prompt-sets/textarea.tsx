import type { ComponentPropsWithRef } from "react";
import { controlClasses } from "@/components/ui/input";
import { cx } from "@/components/ui/cx";

export function Textarea({ className, ...props }: ComponentPropsWithRef<"textarea">) {
  return <textarea className={cx(controlClasses, "h-auto min-h-20 py-2 font-[inherit] leading-relaxed", className)} {...props} />;
}

import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names, skipping falsy ones, and resolves conflicting Tailwind utilities in favour of the
 * later argument: cx("px-3 text-sm", isOn && "bg-accent", className) lets a caller's `px-6` replace `px-3`.
 */
export function cx(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}

import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { cx } from "./cx";

export function Label({ className, ...props }: ComponentPropsWithRef<"label">) {
  return <label className={cx("block text-sm font-medium text-foreground", className)} {...props} />;
}

/** What Field hands to its control so that the label, hint and error are announced with it. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export type FieldProps = {
  label: ReactNode;
  /** Help shown under the control, read after the label. */
  hint?: ReactNode;
  /** The error for this field; also marks the control aria-invalid. Its element's test id is `${id}-error`. */
  error?: string;
  /** The control's id; generated when not given. */
  id?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/**
 * A label, a control and its hint and error, wired together:
 * <Field label="Email" error={errors.email}>{(control) => <Input {...control} name="email" />}</Field>
 */
export function Field({ label, hint, error, id, className, children }: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ");

  return (
    <div className={cx("space-y-1.5", className)}>
      <Label htmlFor={controlId}>{label}</Label>
      {children({ id: controlId, ...(describedBy ? { "aria-describedby": describedBy } : {}), ...(error ? { "aria-invalid": true as const } : {}) })}
      {error ? (
        <p id={errorId} data-testid={errorId} className="text-xs font-medium text-danger-text first-letter:uppercase">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A text field of a submitted form; a file or a missing field gives `fallback` (undefined unless given). */
export function formText(formData: FormData, name: string): string | undefined;
export function formText(formData: FormData, name: string, fallback: string): string;
export function formText(formData: FormData, name: string, fallback?: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : fallback;
}

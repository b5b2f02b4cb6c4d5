/**
 * The only URLs model output may link to: absolute http(s) and mailto. Everything else (javascript:,
 * data:, vbscript:, file:, relative paths that would act on this app) becomes "" and is rendered as
 * plain text. Control characters and whitespace are stripped before the scheme check, as browsers do.
 */
export function safeLinkUrl(url: string): string {
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!match) return "";
  const scheme = match[1]!.toLowerCase();
  if (scheme === "mailto") return url.trim();
  if ((scheme === "http" || scheme === "https") && /^https?:\/\/[^/]/i.test(cleaned)) return url.trim();
  return "";
}

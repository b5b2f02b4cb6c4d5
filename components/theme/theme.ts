/** The stored choice; "system" (or nothing stored) follows the operating system's setting. */
export type ThemePreference = "system" | "light" | "dark";

export const THEME_STORAGE_KEY = "arbiter-theme";
export const THEME_CHANGE_EVENT = "arbiter-theme-change";
export const DARK_QUERY = "(prefers-color-scheme: dark)";

export function readThemePreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames): fall back to the system setting.
    return "system";
  }
}

export function applyTheme(preference: ThemePreference): void {
  const isDark = preference === "dark" || (preference === "system" && window.matchMedia(DARK_QUERY).matches);
  const root = document.documentElement;
  root.classList.toggle("dark", isDark);
  root.style.colorScheme = isDark ? "dark" : "light";
}

/**
 * The same logic as readThemePreference + applyTheme, as a string for an inline <script> in <head>: it
 * runs while the HTML is parsed, before the first paint, so a dark page never flashes white.
 */
export const themeScript = `(function(){var d=document.documentElement,p="system";try{var s=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(s==="light"||s==="dark")p=s}catch(e){}var k=p==="dark"||(p==="system"&&matchMedia(${JSON.stringify(DARK_QUERY)}).matches);d.classList.toggle("dark",k);d.style.colorScheme=k?"dark":"light"})()`;

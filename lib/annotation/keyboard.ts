/** Every shortcut of the annotation workspace, in one place: the handler and the help overlay read it. */
import type { JudgingMode } from "../vocabulary";

export type AnnotationCommand =
  | "prefer-a"
  | "prefer-b"
  | "tie"
  | "both-bad"
  | "focus-next"
  | "focus-previous"
  | "move-down"
  | "move-up"
  | "toggle-tie-above"
  | "edit"
  | "rationale"
  | "skip"
  | "submit"
  | "diff"
  | "expand"
  | "guidelines"
  | "help"
  | "close";

export type Shortcut = { keys: string[]; command: AnnotationCommand; label: string; modes: JudgingMode[] };

const both: Shortcut["modes"] = ["PAIRWISE", "RANKING"];

export const shortcuts: Shortcut[] = [
  { keys: ["1", "a"], command: "prefer-a", label: "A is better", modes: ["PAIRWISE"] },
  { keys: ["2", "b"], command: "prefer-b", label: "B is better", modes: ["PAIRWISE"] },
  { keys: ["3", "t"], command: "tie", label: "Tie", modes: ["PAIRWISE"] },
  { keys: ["4", "x"], command: "both-bad", label: "Both bad (ranking: all bad)", modes: both },
  { keys: ["j", "ArrowDown"], command: "focus-next", label: "Focus the next answer", modes: ["RANKING"] },
  { keys: ["k", "ArrowUp"], command: "focus-previous", label: "Focus the previous answer", modes: ["RANKING"] },
  { keys: ["J", "Shift+ArrowDown"], command: "move-down", label: "Move the focused answer down", modes: ["RANKING"] },
  { keys: ["K", "Shift+ArrowUp"], command: "move-up", label: "Move the focused answer up", modes: ["RANKING"] },
  { keys: ["t", "="], command: "toggle-tie-above", label: "Tie the focused answer with the one above", modes: ["RANKING"] },
  { keys: ["e"], command: "edit", label: "Rewrite the best answer", modes: both },
  { keys: ["r"], command: "rationale", label: "Write a rationale", modes: both },
  { keys: ["s"], command: "skip", label: "Skip this prompt", modes: both },
  { keys: ["Enter", "Ctrl+Enter"], command: "submit", label: "Submit (Ctrl+Enter inside a text box)", modes: both },
  { keys: ["d"], command: "diff", label: "Show where the answers differ", modes: both },
  { keys: ["f"], command: "expand", label: "Expand or collapse long answers", modes: both },
  { keys: ["g"], command: "guidelines", label: "Show the guidelines", modes: both },
  { keys: ["?"], command: "help", label: "Show these shortcuts", modes: both },
  { keys: ["Escape"], command: "close", label: "Close a panel, leave a text box", modes: both },
];

export type KeyPress = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean; inTextField?: boolean; isComposing?: boolean; keyCode?: number };

/** What the workspace knows of the element a key press went to. */
export type KeyTarget = { tagName: string; type?: string; isContentEditable?: boolean } | null;

// <input> types that take typed characters; a checkbox, radio, button or range does not (a click on a
// flag checkbox or the theme switch must not stop the shortcuts).
const textInputTypes = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "datetime-local", "month", "time", "week"]);

/** Whether the element takes typed characters, so that the shortcuts must leave its keys alone. */
export function isTextEntry(target: KeyTarget): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return true;
  return tag === "INPUT" && textInputTypes.has((target.type || "text").toLowerCase());
}

/**
 * A key press that is part of an input method's composition (Chinese pinyin, Japanese kana): the
 * keys belong to the IME until it commits, whatever field has the focus. Chrome and Safari report a
 * composing keydown as keyCode 229 even when isComposing is not set yet.
 */
export function isImeComposing(press: Pick<KeyPress, "isComposing" | "keyCode" | "key">): boolean {
  return press.isComposing === true || press.keyCode === 229 || press.key === "Process";
}

/** The key as written in `shortcuts`: "Shift+ArrowDown", "Ctrl+Enter", "J", "?". */
function keyName(press: KeyPress): string {
  const named = press.key.length > 1;
  const prefix = (press.ctrlKey || press.metaKey ? "Ctrl+" : "") + (named && press.shiftKey ? "Shift+" : "");
  return prefix + press.key;
}

/**
 * The command for a key press in the given mode, or null. In a text field only Ctrl+Enter and Escape
 * act, so typing a rationale never triggers a verdict.
 */
export function commandFor(press: KeyPress, mode: JudgingMode): AnnotationCommand | null {
  if (press.altKey || isImeComposing(press)) return null;
  const name = keyName(press);
  if (press.inTextField && name !== "Ctrl+Enter" && name !== "Escape") return null;
  if (!press.inTextField && (press.ctrlKey || press.metaKey) && name !== "Ctrl+Enter") return null;
  // In ranking mode "t" ties with the answer above; in pairwise it is the tie verdict.
  const match = shortcuts.find((shortcut) => shortcut.modes.includes(mode) && shortcut.keys.includes(name));
  return match?.command ?? null;
}

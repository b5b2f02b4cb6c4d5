import { conversationSchema, type ChatMessage, type ChatRole } from "../conversation";
import { conversationHash } from "../conversation-hash";
import type { ImportedAnswer, PromptRecord } from "./types";
import { parseCheckList, PROMPT_CHECKS_KEY } from "../verifiers/config";

export type NormalizedRecord = Omit<PromptRecord, "line">;
export type NormalizeResult = { ok: true; record: NormalizedRecord } | { ok: false; field?: string; message: string };

/** Thrown only inside this module and always caught by `normalizeRecord`: it keeps deep validation flat. */
class RecordProblem extends Error {
  readonly field: string | undefined;
  constructor(field: string | undefined, message: string) {
    super(message);
    this.field = field;
  }
}

/** A message with the paths of the fields it came from, so that later checks can name them. */
type SourcedMessage = { message: ChatMessage; roleField: string; contentField: string };

// Maps, not object literals: a role such as "constructor" must not find Object.prototype's.
const ROLES_BY_ROLE_KEY = new Map<string, ChatRole>([
  ["system", "system"],
  ["user", "user"],
  ["assistant", "assistant"],
]);
const ROLES_BY_FROM_KEY = new Map<string, ChatRole>([
  ["system", "system"],
  ["human", "user"],
  ["user", "user"],
  ["gpt", "assistant"],
  ["assistant", "assistant"],
]);

const PROMPT_SOURCES = ["prompt", "messages", "conversations", "instruction", "input"] as const;
type PromptSource = (typeof PROMPT_SOURCES)[number];
const REFERENCE_KEYS = ["reference", "answer", "ground_truth"] as const;
/** Read in every shape, so never left over for metadata. */
const ALWAYS_CONSUMED = [
  "id",
  "system",
  "metadata",
  "responses",
  "chosen",
  "rejected",
  "completion",
  "preferred_output",
  "non_preferred_output",
];
const KEYS_OF_SOURCE: Record<PromptSource, readonly string[]> = {
  prompt: ["prompt"],
  messages: ["messages"],
  conversations: ["conversations"],
  instruction: ["instruction", "input", "output", "history"],
  input: ["input"],
};

/**
 * Turns one record of any accepted shape (a parsed JSON object, or a CSV row already mapped to the
 * same field names) into the normalized prompt. Never throws on bad data.
 */
export function normalizeRecord(fields: Record<string, unknown>): NormalizeResult {
  try {
    return { ok: true, record: normalizeOrThrow(fields) };
  } catch (error) {
    if (error instanceof RecordProblem) {
      return error.field === undefined ? { ok: false, message: error.message } : { ok: false, field: error.field, message: error.message };
    }
    throw error;
  }
}

function normalizeOrThrow(fields: Record<string, unknown>): NormalizedRecord {
  const source = findPromptSource(fields);
  const chosen = readPreferenceSide(fields.chosen ?? fields.preferred_output, fieldName(fields, "chosen", "preferred_output"));
  const rejected = readPreferenceSide(fields.rejected ?? fields.non_preferred_output, fieldName(fields, "rejected", "non_preferred_output"));

  let conversation: { prompt: SourcedMessage[]; answer?: string };
  if (source === undefined) {
    conversation = { prompt: implicitPrompt(chosen, rejected) };
  } else if (source === "instruction") {
    conversation = alpacaConversation(fields);
  } else {
    conversation = explicitConversation(source, fields);
  }

  const prompt = withTopLevelSystem(conversation.prompt, fields.system);
  rejectBlankTurns(prompt);
  const messages = prompt.map((sourced) => sourced.message);
  const checked = conversationSchema.safeParse(messages);
  if (!checked.success) {
    // The checks above mirror the schema with better field names; this only guards against drift.
    const issue = checked.error.issues[0];
    throw new RecordProblem(undefined, issue?.message ?? "the conversation is not valid");
  }

  const answers: ImportedAnswer[] = [];
  const addAnswer = (content: string | undefined, extra: Omit<ImportedAnswer, "content"> = {}) => {
    // An empty output marks a prompt-only row in many datasets, not an empty answer worth judging.
    if (content !== undefined && content.trim() !== "") answers.push({ content, ...extra });
  };
  addAnswer(conversation.answer);
  addAnswer(readPreferenceSide(fields.completion, "completion").answer);
  for (const response of readResponses(fields.responses)) addAnswer(response.content, response.model === undefined ? {} : { model: response.model });
  addAnswer(chosen.answer, { label: "chosen" });
  addAnswer(rejected.answer, { label: "rejected" });

  const referenceKey = REFERENCE_KEYS.find((key) => isPresent(fields[key]));
  const consumed = new Set<string>([...ALWAYS_CONSUMED, ...(source ? KEYS_OF_SOURCE[source] : [])]);
  // A null alias says nothing; a second non-null one may differ (GSM8K's worked `answer`), so it stays as metadata.
  for (const key of REFERENCE_KEYS) if (key === referenceKey || !isPresent(fields[key])) consumed.add(key);

  const externalId = readExternalId(fields.id);
  const referenceAnswer = referenceKey ? readReference(fields[referenceKey], referenceKey) : undefined;
  return {
    ...(externalId === undefined ? {} : { externalId }),
    messages,
    ...(referenceAnswer === undefined ? {} : { referenceAnswer }),
    metadata: readMetadata(fields, consumed),
    answers,
    // The one definition the database's unique (prompt set, content hash) relies on; seeds use it too.
    contentHash: conversationHash(messages),
  };
}

function findPromptSource(fields: Record<string, unknown>): PromptSource | undefined {
  const found = PROMPT_SOURCES.filter((key) => {
    if (!isPresent(fields[key])) return false;
    // `input` is Alpaca's second half next to `instruction`; alone as an object it is OpenAI's preference input.
    if (key === "input") return !isPresent(fields.instruction) && isPlainObject(fields.input);
    return true;
  });
  const [first, second] = found;
  if (first !== undefined && second !== undefined) {
    throw new RecordProblem(second, `the record has both "${first}" and "${second}" as its prompt; keep one`);
  }
  return first;
}

function fieldName(fields: Record<string, unknown>, name: string, alias: string): string {
  return isPresent(fields[name]) ? name : isPresent(fields[alias]) ? alias : name;
}

function explicitConversation(source: Exclude<PromptSource, "instruction">, fields: Record<string, unknown>) {
  if (source === "prompt" && typeof fields.prompt === "string") {
    return { prompt: [{ message: { role: "user", content: fields.prompt }, roleField: "prompt", contentField: "prompt" } satisfies SourcedMessage] };
  }
  if (source === "prompt" && !Array.isArray(fields.prompt)) {
    throw new RecordProblem("prompt", `expected a string or a list of messages, got ${describeValue(fields.prompt)}`);
  }
  if (source === "input") {
    const messages = isPlainObject(fields.input) ? fields.input.messages : undefined;
    return splitAtLastUserTurn(readMessageList(messages, "input.messages"), "input.messages");
  }
  return splitAtLastUserTurn(readMessageList(fields[source], source), source);
}

function alpacaConversation(fields: Record<string, unknown>): { prompt: SourcedMessage[]; answer?: string } {
  const instruction = fields.instruction;
  if (typeof instruction !== "string") throw new RecordProblem("instruction", `expected a string, got ${describeValue(instruction)}`);
  if (instruction.trim() === "") throw new RecordProblem("instruction", "the instruction is empty");
  const input = readOptionalString(fields.input, "input") ?? "";
  const content = input.trim() === "" ? instruction : `${instruction}\n\n${input}`;

  const history = readAlpacaHistory(fields.history);
  const answer = readOptionalString(fields.output, "output");
  const last: SourcedMessage = { message: { role: "user", content }, roleField: "instruction", contentField: "instruction" };
  return answer === undefined ? { prompt: [...history, last] } : { prompt: [...history, last], answer };
}

/** LLaMA-Factory's Alpaca variant: earlier turns as `[instruction, response]` pairs. */
function readAlpacaHistory(value: unknown): SourcedMessage[] {
  if (!isPresent(value)) return [];
  if (!Array.isArray(value)) throw new RecordProblem("history", `expected a list of [instruction, response] pairs, got ${describeValue(value)}`);
  return value.flatMap((pair: unknown, index): SourcedMessage[] => {
    const at = `history[${index}]`;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") {
      throw new RecordProblem(at, "expected a pair of strings [instruction, response]");
    }
    return [
      { message: { role: "user", content: pair[0] }, roleField: at, contentField: `${at}[0]` },
      { message: { role: "assistant", content: pair[1] }, roleField: at, contentField: `${at}[1]` },
    ];
  });
}

function readMessageList(value: unknown, field: string): SourcedMessage[] {
  if (!Array.isArray(value)) throw new RecordProblem(field, `expected a list of messages, got ${describeValue(value)}`);
  if (value.length === 0) throw new RecordProblem(field, "the conversation is empty");
  return value.map((item: unknown, index) => {
    const sourced = readMessage(item, `${field}[${index}]`);
    if (sourced.message.role === "system" && index > 0) throw new RecordProblem(sourced.roleField, "a system message may only come first");
    return sourced;
  });
}

/** Accepts both `{role, content}` (OpenAI, TRL) and `{from, value}` (ShareGPT) in any list. */
function readMessage(value: unknown, at: string): SourcedMessage {
  if (!isPlainObject(value)) throw new RecordProblem(at, `expected a message object, got ${describeValue(value)}`);
  const isShareGpt = !Object.hasOwn(value, "role") && (Object.hasOwn(value, "from") || Object.hasOwn(value, "value"));
  const roleKey = isShareGpt ? "from" : "role";
  const contentKey = isShareGpt ? "value" : "content";
  const roles = isShareGpt ? ROLES_BY_FROM_KEY : ROLES_BY_ROLE_KEY;
  const roleField = `${at}.${roleKey}`;
  const contentField = `${at}.${contentKey}`;

  const rawRole = value[roleKey];
  const role = typeof rawRole === "string" ? roles.get(rawRole.trim().toLowerCase()) : undefined;
  if (role === undefined) {
    const got = rawRole === undefined ? "nothing" : typeof rawRole === "string" ? quote(rawRole) : describeValue(rawRole);
    throw new RecordProblem(roleField, `expected one of ${[...roles.keys()].join(", ")}, got ${got}`);
  }
  const content = value[contentKey];
  if (typeof content !== "string") {
    const hint = Array.isArray(content) ? " (only plain-text content is supported)" : "";
    throw new RecordProblem(contentField, `expected a string, got ${describeValue(content)}${hint}`);
  }
  return { message: { role, content }, roleField, contentField };
}

/** The prompt is everything up to and including the last user turn; an assistant turn right after it is an answer. */
function splitAtLastUserTurn(list: SourcedMessage[], field: string): { prompt: SourcedMessage[]; answer?: string } {
  const lastUser = list.findLastIndex((sourced) => sourced.message.role === "user");
  if (lastUser === -1) throw new RecordProblem(field, "the conversation has no user turn");
  const next = list[lastUser + 1];
  const prompt = list.slice(0, lastUser + 1);
  return next?.message.role === "assistant" ? { prompt, answer: next.message.content } : { prompt };
}

type PreferenceSide = { answer?: string; prompt?: SourcedMessage[]; field: string; isList: boolean };

/**
 * A string, one assistant message (LLaMA-Factory ranking), or a message list whose final assistant
 * message is the answer; in TRL's implicit-prompt shape that list also holds the prompt.
 */
function readPreferenceSide(value: unknown, field: string): PreferenceSide {
  if (!isPresent(value)) return { field, isList: false };
  if (typeof value === "string") return { answer: value, field, isList: false };
  if (isPlainObject(value)) {
    const sourced = readMessage(value, field);
    if (sourced.message.role !== "assistant") {
      throw new RecordProblem(sourced.roleField, `expected an assistant message, got ${quote(sourced.message.role)}`);
    }
    return { answer: sourced.message.content, field, isList: false };
  }
  if (!Array.isArray(value)) throw new RecordProblem(field, `expected a string or a list of messages, got ${describeValue(value)}`);
  const list = readMessageList(value, field);
  const last = list[list.length - 1];
  if (last === undefined || last.message.role !== "assistant") {
    throw new RecordProblem(last?.roleField ?? field, `the last message must be the assistant's answer, got ${quote(last?.message.role ?? "nothing")}`);
  }
  const before = list.slice(0, -1);
  const lastUser = before.findLastIndex((sourced) => sourced.message.role === "user");
  const answer = { answer: last.message.content, field, isList: true };
  return lastUser === -1 ? answer : { ...answer, prompt: before.slice(0, lastUser + 1) };
}

function implicitPrompt(chosen: PreferenceSide, rejected: PreferenceSide): SourcedMessage[] {
  const prompt = chosen.prompt ?? rejected.prompt;
  if (prompt === undefined) {
    const conversation = [chosen, rejected].find((side) => side.isList);
    if (conversation) throw new RecordProblem(conversation.field, "the conversation has no user turn");
    throw new RecordProblem(undefined, 'no prompt: expected a "prompt", "messages", "conversations" or "instruction" field');
  }
  if (chosen.prompt && rejected.prompt && !sameMessages(chosen.prompt, rejected.prompt)) {
    throw new RecordProblem(rejected.field, `"${chosen.field}" and "${rejected.field}" continue different conversations`);
  }
  return prompt;
}

function sameMessages(a: SourcedMessage[], b: SourcedMessage[]): boolean {
  return a.length === b.length && a.every((sourced, index) => sourced.message.role === b[index]?.message.role && sourced.message.content === b[index]?.message.content);
}

/** A top-level `system` (ShareGPT, Alpaca, Axolotl pairs) becomes the leading system message. */
function withTopLevelSystem(prompt: SourcedMessage[], value: unknown): SourcedMessage[] {
  const system = readOptionalString(value, "system");
  // Many datasets write "" for "no system message"; an explicit empty one belongs in the message list.
  if (system === undefined || system === "") return prompt;
  const first = prompt[0];
  if (first?.message.role === "system") {
    if (first.message.content === system) return prompt;
    throw new RecordProblem("system", "the conversation already starts with a different system message; keep one");
  }
  return [{ message: { role: "system", content: system }, roleField: "system", contentField: "system" }, ...prompt];
}

function rejectBlankTurns(prompt: SourcedMessage[]): void {
  prompt.forEach((sourced, index) => {
    if (sourced.message.role === "system" || sourced.message.content.trim() !== "") return;
    throw new RecordProblem(sourced.contentField, index === prompt.length - 1 ? "the prompt is empty" : "the message is empty");
  });
}

function readResponses(value: unknown): { content: string; model?: string }[] {
  if (!isPresent(value)) return [];
  if (typeof value === "string") return [{ content: value }];
  if (!Array.isArray(value)) throw new RecordProblem("responses", `expected a list of strings or {"content", "model"} objects, got ${describeValue(value)}`);
  return value.map((item: unknown, index) => {
    const at = `responses[${index}]`;
    if (typeof item === "string") return { content: item };
    if (!isPlainObject(item)) throw new RecordProblem(at, `expected a string or an object with "content", got ${describeValue(item)}`);
    if (typeof item.content !== "string") throw new RecordProblem(`${at}.content`, `expected a string, got ${describeValue(item.content)}`);
    const model = readOptionalString(item.model, `${at}.model`);
    return model === undefined ? { content: item.content } : { content: item.content, model };
  });
}

function readExternalId(value: unknown): string | undefined {
  if (!isPresent(value)) return undefined;
  // Ids are keys for matching rows later; spaces around them are accidents of spreadsheets.
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new RecordProblem("id", `expected a string or a number, got ${describeValue(value)}`);
}

function readReference(value: unknown, field: string): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new RecordProblem(field, `expected a string or a number, got ${describeValue(value)}`);
}

function readMetadata(fields: Record<string, unknown>, consumed: ReadonlySet<string>): Record<string, unknown> {
  const explicit = fields.metadata;
  if (isPresent(explicit) && !isPlainObject(explicit)) throw new RecordProblem("metadata", `expected an object, got ${describeValue(explicit)}`);
  const leftovers = Object.entries(fields).filter(([key]) => !consumed.has(key));
  // fromEntries defines own properties, so a "__proto__" key stays data instead of changing the prototype.
  const metadata: Record<string, unknown> = Object.fromEntries([...leftovers, ...Object.entries(explicit ?? {})]);
  // A prompt's own verifier checks (top-level `checks` or `metadata.checks`) are checked here, so a bad one
  // is reported with its line instead of being stored and failing when the verifiers run.
  if (isPresent(metadata[PROMPT_CHECKS_KEY])) {
    const parsed = parseCheckList(metadata[PROMPT_CHECKS_KEY], PROMPT_CHECKS_KEY);
    if (!parsed.ok) throw new RecordProblem(PROMPT_CHECKS_KEY, parsed.message.replace(/^checks(?:: |(?=[[.]))/, ""));
  }
  return metadata;
}

function readOptionalString(value: unknown, field: string): string | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value !== "string") throw new RecordProblem(field, `expected a string, got ${describeValue(value)}`);
  return value;
}

function isPresent(value: unknown): boolean {
  // pandas and many exporters write null for a missing optional column.
  return value !== undefined && value !== null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

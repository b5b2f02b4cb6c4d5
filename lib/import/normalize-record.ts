import { conversationSchema, type ChatMessage, type ChatRole } from "../conversation";
import { conversationHash } from "../conversation-hash";
import { extractFinalAnswer } from "./final-answer";
import { isHumanAssistantTranscript, parseTranscript } from "./transcript";
import { reasonMessage } from "../schemas/field-message";
import { parseCheckList, PROMPT_CHECKS_KEY } from "../verifiers/config";
import type { DatasetShape, ImportedAnswer, ImportedJudgment, ImportNotice, PromptRecord } from "./types";

/** The refusal of a record in no shape Arbiter knows: the import UI then offers a column mapping. */
export const NO_PROMPT_MESSAGE = reasonMessage("importRecord.noPrompt");

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
/** Maths sets' prompt fields (GSM8K `question`, MATH `problem`): read only when none of the above is there. */
const QUESTION_SOURCES = ["question", "problem"] as const;
type PromptSource = (typeof PROMPT_SOURCES)[number] | (typeof QUESTION_SOURCES)[number];
const REFERENCE_KEYS = ["reference", "answer", "ground_truth", "solution"] as const;
/** Read in every shape, so never left over for metadata. */
const ALWAYS_CONSUMED = [
  "id",
  "gold",
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
  question: ["question"],
  problem: ["problem"],
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
  const notices = new Set<ImportNotice>();
  const reading = readDatasetShape(fields, notices) ?? readGenericShape(fields, notices);

  const prompt = withTopLevelSystem(reading.prompt, fields.system);
  rejectBlankTurns(prompt);
  const messages = prompt.map((sourced) => sourced.message);
  const checked = conversationSchema.safeParse(messages);
  if (!checked.success) {
    // The checks above mirror the schema with better field names; this only guards against drift.
    const issue = checked.error.issues[0];
    throw new RecordProblem(undefined, issue?.message ?? "the conversation is not valid");
  }

  // An empty output marks a prompt-only row in many datasets, not an empty answer worth judging.
  const answers: ImportedAnswer[] = [];
  const answerIndex = new Map<number, number>();
  reading.answers.forEach((answer, index) => {
    if (answer.content.trim() === "") return;
    answerIndex.set(index, answers.length);
    answers.push(answer);
  });
  const judgment = reading.judgment ? keptJudgment(reading.judgment, answerIndex, notices) : undefined;

  const consumed = new Set<string>([...ALWAYS_CONSUMED, ...reading.consumed]);
  const reference = readReferenceAnswer(fields, consumed, notices);
  // A dataset's own id (UltraFeedback prompt_id, Arena question_id) stands in for a missing `id`.
  let externalId = readExternalId(fields.id, "id");
  if (externalId === undefined && reading.idField !== undefined) {
    externalId = readExternalId(fields[reading.idField], reading.idField);
    if (externalId !== undefined) consumed.add(reading.idField);
  }
  const gold = readGold(fields.gold, answers, judgment);
  const metadata = readMetadata(fields, consumed);
  if (reference?.solution !== undefined && !Object.hasOwn(metadata, "solution")) metadata.solution = reference.solution;
  return {
    ...(externalId === undefined ? {} : { externalId }),
    messages,
    ...(reference?.answer === undefined ? {} : { referenceAnswer: reference.answer }),
    metadata,
    answers,
    ...(judgment === undefined ? {} : { judgment }),
    ...(gold === undefined ? {} : { gold }),
    ...(reading.shape === undefined ? {} : { shape: reading.shape }),
    ...(notices.size === 0 ? {} : { notices: [...notices] }),
    // The one definition the database's unique (prompt set, content hash) relies on; seeds use it too.
    contentHash: conversationHash(messages),
  };
}

/** How one record was read, before the checks and fields every shape shares. */
type ShapeReading = {
  prompt: SourcedMessage[];
  /** In file order; empty ones are dropped later (and a judgment over them with them). */
  answers: ImportedAnswer[];
  /** Over indexes of `answers` as given here. */
  judgment?: ImportedJudgment;
  shape?: DatasetShape;
  /** Fields this reading used, so that they do not land in metadata. */
  consumed: readonly string[];
  /** A dataset's own id field, used when the record has no `id`. */
  idField?: string;
};

function readGenericShape(fields: Record<string, unknown>, notices: Set<ImportNotice>): ShapeReading {
  const source = findPromptSource(fields);
  const chosen = readPreferenceSide(fields.chosen ?? fields.preferred_output, fieldName(fields, "chosen", "preferred_output"));
  const rejected = readPreferenceSide(fields.rejected ?? fields.non_preferred_output, fieldName(fields, "rejected", "non_preferred_output"));

  let conversation: { prompt: SourcedMessage[]; answer?: string };
  if (source === undefined) {
    conversation = { prompt: implicitPrompt(chosen, rejected) };
  } else if (source === "instruction") {
    conversation = alpacaConversation(fields);
  } else if (source === "question" || source === "problem") {
    const text = fields[source];
    if (typeof text !== "string") throw new RecordProblem(source, expected("expectedString", text));
    conversation = { prompt: [{ message: { role: "user", content: text }, roleField: source, contentField: source }] };
  } else {
    conversation = explicitConversation(source, fields, notices);
  }

  const answers: ImportedAnswer[] = [];
  if (conversation.answer !== undefined) answers.push({ content: conversation.answer });
  const completion = readPreferenceSide(fields.completion, "completion").answer;
  if (completion !== undefined) answers.push({ content: completion });
  for (const response of readResponses(fields.responses)) answers.push(response.model === undefined ? { content: response.content } : { content: response.content, model: response.model });

  const scores = readScores(fields);
  let judgment: ImportedJudgment | undefined;
  if (chosen.answer !== undefined) answers.push({ content: chosen.answer, label: "chosen", ...(scores ? { score: scores.chosen } : {}) });
  if (rejected.answer !== undefined) answers.push({ content: rejected.answer, label: "rejected", ...(scores ? { score: scores.rejected } : {}) });
  if (chosen.answer !== undefined && rejected.answer !== undefined) {
    const chosenAt = answers.length - 2;
    const isTie = scores !== undefined && scores.chosen === scores.rejected;
    if (isTie) notices.add("equal-scores");
    judgment = pairJudgment(chosenAt, chosenAt + 1, isTie ? "tie" : "first", chosen.answer, rejected.answer, notices);
  }
  return {
    prompt: conversation.prompt,
    answers,
    ...(judgment ? { judgment } : {}),
    ...(scores ? { shape: "ultrafeedback" as const } : {}),
    consumed: [...(source ? KEYS_OF_SOURCE[source] : []), ...(scores ? ["score_chosen", "score_rejected"] : [])],
    ...(scores && isPresent(fields.prompt_id) ? { idField: "prompt_id" } : {}),
  };
}

/**
 * The public shapes that need rules of their own: HH-RLHF transcripts, UltraFeedback binarized (a
 * `prompt` string beside `messages` and message-list `chosen` / `rejected`), Chatbot Arena conversations.
 * GSM8K and MATH are generic records with `question` / `problem` and a worked solution (see
 * readReferenceAnswer). `undefined`: not one of them.
 */
function readDatasetShape(fields: Record<string, unknown>, notices: Set<ImportNotice>): ShapeReading | undefined {
  const hasPromptField = PROMPT_SOURCES.some((key) => isPresent(fields[key]));
  if (!hasPromptField && isHumanAssistantTranscript(fields.chosen) && typeof fields.rejected === "string") {
    return readHhRecord(fields.chosen, fields.rejected, notices);
  }
  if (isPresent(fields.conversation_a) || isPresent(fields.conversation_b)) return readArenaRecord(fields, notices);
  if (typeof fields.prompt === "string" && isPresent(fields.messages) && Array.isArray(fields.chosen)) return readUltraFeedbackRecord(fields, notices);
  return undefined;
}

function readHhRecord(chosenText: string, rejectedText: string, notices: Set<ImportNotice>): ShapeReading {
  const chosen = transcriptTurns(chosenText, "chosen");
  const rejected = transcriptTurns(rejectedText, "rejected");
  // The shared turns are the prompt; what follows in each is its one last assistant answer.
  let shared = 0;
  while (shared < chosen.length - 1 && shared < rejected.length - 1 && sameTurn(chosen[shared], rejected[shared])) shared += 1;
  for (const [turns, field] of [[chosen, "chosen"], [rejected, "rejected"]] as const) {
    const rest = turns.slice(shared);
    if (rest.length !== 1 || rest[0]?.message.role !== "assistant") {
      throw new RecordProblem(field, `"chosen" and "rejected" must be the same conversation up to one last Assistant turn each; they part at turn ${shared + 1}`);
    }
  }
  const prompt = chosen.slice(0, shared);
  if (prompt.at(-1)?.message.role !== "user") throw new RecordProblem("chosen", "the last turn before the answers must be a Human turn");
  const chosenAnswer = chosen[shared]!.message.content;
  const rejectedAnswer = rejected[shared]!.message.content;
  return {
    prompt,
    answers: [
      { content: chosenAnswer, label: "chosen" },
      { content: rejectedAnswer, label: "rejected" },
    ],
    judgment: pairJudgment(0, 1, "first", chosenAnswer, rejectedAnswer, notices),
    shape: "hh-rlhf",
    consumed: [],
  };
}

function transcriptTurns(text: string, field: string): SourcedMessage[] {
  const turns = parseTranscript(text);
  if (turns === undefined) throw new RecordProblem(field, 'expected a transcript that starts with "\n\nHuman:"');
  return turns.map((turn, index) => ({ message: turn, roleField: `${field} (turn ${index + 1})`, contentField: `${field} (turn ${index + 1})` }));
}

function sameTurn(a: SourcedMessage | undefined, b: SourcedMessage | undefined): boolean {
  return a !== undefined && b !== undefined && a.message.role === b.message.role && a.message.content === b.message.content;
}

/** UltraFeedback binarized: accepted when `prompt`, `messages` and `chosen` / `rejected` tell the same conversation. */
function readUltraFeedbackRecord(fields: Record<string, unknown>, notices: Set<ImportNotice>): ShapeReading {
  const reading = readGenericShape({ ...fields, messages: undefined, prompt: undefined }, notices);
  const firstUser = reading.prompt.find((sourced) => sourced.message.role === "user");
  if (firstUser === undefined || firstUser.message.content.trim() !== String(fields.prompt).trim()) {
    throw new RecordProblem("prompt", 'does not match the first user turn of "chosen"');
  }
  const messages = splitAtLastUserTurn(readMessageList(fields.messages, "messages"), "messages");
  if (!sameMessages(messages.prompt, reading.prompt)) throw new RecordProblem("messages", 'is not the same conversation as "chosen"');
  return { ...reading, shape: "ultrafeedback", consumed: [...reading.consumed, "prompt", "messages"], idField: "prompt_id" };
}

const ARENA_WINNERS = new Map<string, "a" | "b" | "tie" | "both-bad">([
  ["model_a", "a"],
  ["model_b", "b"],
  ["tie", "tie"],
  ["tie (bothbad)", "both-bad"],
]);

/** Chatbot Arena conversations: both answers with their model names, the vote as the label. */
function readArenaRecord(fields: Record<string, unknown>, notices: Set<ImportNotice>): ShapeReading {
  const a = splitAtLastUserTurn(readMessageList(fields.conversation_a, "conversation_a"), "conversation_a");
  const b = splitAtLastUserTurn(readMessageList(fields.conversation_b, "conversation_b"), "conversation_b");
  if (!sameMessages(a.prompt, b.prompt)) {
    const at = a.prompt.findIndex((sourced, index) => !sameTurn(sourced, b.prompt[index]));
    throw new RecordProblem(
      `conversation_b[${at === -1 ? b.prompt.length : at}]`,
      "the two conversations differ before their last answers (a multi-turn battle whose earlier answers differ is not one prompt)",
    );
  }
  if (a.answer === undefined) throw new RecordProblem("conversation_a", "has no assistant answer after its last user turn");
  if (b.answer === undefined) throw new RecordProblem("conversation_b", "has no assistant answer after its last user turn");
  const modelA = readOptionalString(fields.model_a, "model_a");
  const modelB = readOptionalString(fields.model_b, "model_b");
  const answers: ImportedAnswer[] = [
    { content: a.answer, ...(modelA === undefined ? {} : { model: modelA }) },
    { content: b.answer, ...(modelB === undefined ? {} : { model: modelB }) },
  ];
  const winnerText = readOptionalString(fields.winner, "winner");
  let judgment: ImportedJudgment | undefined;
  if (winnerText !== undefined) {
    const winner = ARENA_WINNERS.get(winnerText.trim().toLowerCase());
    if (winner === undefined) throw new RecordProblem("winner", `expected one of ${[...ARENA_WINNERS.keys()].join(", ")}, got ${quote(winnerText)}`);
    judgment =
      winner === "both-bad"
        ? { outcome: "ALL_BAD", ranks: [{ answer: 0, rank: null }, { answer: 1, rank: null }] }
        : winner === "tie"
          ? pairJudgment(0, 1, "tie", a.answer, b.answer, notices)
          : winner === "a"
            ? pairJudgment(0, 1, "first", a.answer, b.answer, notices)
            : pairJudgment(1, 0, "first", b.answer, a.answer, notices);
  }
  return {
    prompt: a.prompt,
    answers,
    ...(judgment ? { judgment } : {}),
    shape: "chatbot-arena",
    consumed: ["conversation_a", "conversation_b", "model_a", "model_b", "winner"],
    idField: "question_id",
  };
}

/** A two-answer label: `first` better than `second`, or a tie; identical texts are always a tie. */
function pairJudgment(first: number, second: number, verdict: "first" | "tie", firstText: string, secondText: string, notices: Set<ImportNotice>): ImportedJudgment {
  const isSame = firstText === secondText;
  if (isSame && verdict === "first") notices.add("identical-answers");
  if (verdict === "tie" || isSame) return { outcome: "TIE", ranks: [{ answer: first, rank: 1 }, { answer: second, rank: 1 }] };
  return { outcome: "PREFERENCE", ranks: [{ answer: first, rank: 1 }, { answer: second, rank: 2 }] };
}

/** The label over the answers that were kept; none when one of its answers was empty. */
function keptJudgment(judgment: ImportedJudgment, answerIndex: ReadonlyMap<number, number>, notices: Set<ImportNotice>): ImportedJudgment | undefined {
  const ranks = judgment.ranks.map((rank) => ({ ...rank, answer: answerIndex.get(rank.answer) }));
  if (ranks.some((rank) => rank.answer === undefined)) {
    notices.add("empty-labelled-answer");
    return undefined;
  }
  return { outcome: judgment.outcome, ranks: ranks.map((rank) => ({ answer: rank.answer!, rank: rank.rank })) };
}

function readScores(fields: Record<string, unknown>): { chosen: number; rejected: number } | undefined {
  if (!isPresent(fields.score_chosen) && !isPresent(fields.score_rejected)) return undefined;
  const read = (field: "score_chosen" | "score_rejected") => {
    const value = fields[field];
    if (typeof value !== "number" || !Number.isFinite(value)) throw new RecordProblem(field, expected("expectedNumber", value));
    return value;
  };
  const scores = { chosen: read("score_chosen"), rejected: read("score_rejected") };
  if (!isPresent(fields.chosen) || !isPresent(fields.rejected)) throw new RecordProblem(isPresent(fields.chosen) ? "rejected" : "chosen", "scores need both a chosen and a rejected answer");
  if (scores.chosen < scores.rejected) throw new RecordProblem("score_rejected", `is higher than score_chosen (${scores.rejected} > ${scores.chosen}): the scores and the chosen/rejected labels disagree`);
  return scores;
}

/**
 * The reference answer: the first present of reference, answer, ground_truth, solution. A worked
 * solution (GSM8K `#### 72`, a MATH `\boxed{}`) gives its final answer, and the full text is returned as
 * `solution` for metadata. A second non-null alias may differ (GSM8K's worked `answer` beside a
 * `reference`), so it stays as metadata.
 */
function readReferenceAnswer(fields: Record<string, unknown>, consumed: Set<string>, notices: Set<ImportNotice>): { answer?: string; solution?: string } | undefined {
  const key = REFERENCE_KEYS.find((name) => isPresent(fields[name]));
  for (const name of REFERENCE_KEYS) if (name === key || !isPresent(fields[name])) consumed.add(name);
  if (key === undefined) return undefined;
  const text = readReference(fields[key], key);
  if (text === undefined) return undefined;
  const final = extractFinalAnswer(text);
  if (final !== undefined) {
    notices.add("final-answer-extracted");
    return { answer: final.answer, solution: text };
  }
  if (key === "solution") {
    notices.add("no-final-answer");
    return { solution: text };
  }
  return { answer: text };
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
    throw new RecordProblem(second, reasonMessage("importRecord.twoPrompts", { first, second }));
  }
  if (first !== undefined) return first;
  const questions = QUESTION_SOURCES.filter((key) => isPresent(fields[key]));
  if (questions.length > 1) throw new RecordProblem(questions[1], reasonMessage("importRecord.twoPrompts", { first: questions[0]!, second: questions[1]! }));
  return questions[0];
}

function fieldName(fields: Record<string, unknown>, name: string, alias: string): string {
  return isPresent(fields[name]) ? name : isPresent(fields[alias]) ? alias : name;
}

function explicitConversation(source: "prompt" | "messages" | "conversations" | "input", fields: Record<string, unknown>, notices: Set<ImportNotice>) {
  if (source === "prompt" && typeof fields.prompt === "string") {
    return { prompt: [{ message: { role: "user", content: fields.prompt }, roleField: "prompt", contentField: "prompt" } satisfies SourcedMessage] };
  }
  if (source === "prompt" && !Array.isArray(fields.prompt)) {
    throw new RecordProblem("prompt", expected("expectedStringOrMessages", fields.prompt));
  }
  if (source === "input") {
    const messages = isPlainObject(fields.input) ? fields.input.messages : undefined;
    return noticed(splitAtLastUserTurn(readMessageList(messages, "input.messages"), "input.messages"), notices);
  }
  return noticed(splitAtLastUserTurn(readMessageList(fields[source], source), source), notices);
}

function alpacaConversation(fields: Record<string, unknown>): { prompt: SourcedMessage[]; answer?: string } {
  const instruction = fields.instruction;
  if (typeof instruction !== "string") throw new RecordProblem("instruction", expected("expectedString", instruction));
  if (instruction.trim() === "") throw new RecordProblem("instruction", reasonMessage("importRecord.instructionEmpty"));
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
  if (!Array.isArray(value)) throw new RecordProblem(field, expected("expectedMessages", value));
  if (value.length === 0) throw new RecordProblem(field, reasonMessage("importRecord.emptyConversation"));
  return value.map((item: unknown, index) => {
    const sourced = readMessage(item, `${field}[${index}]`);
    if (sourced.message.role === "system" && index > 0) throw new RecordProblem(sourced.roleField, reasonMessage("importRecord.systemFirst"));
    return sourced;
  });
}

/** Accepts both `{role, content}` (OpenAI, TRL) and `{from, value}` (ShareGPT) in any list. */
function readMessage(value: unknown, at: string): SourcedMessage {
  if (!isPlainObject(value)) throw new RecordProblem(at, expected("expectedMessageObject", value));
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
    throw new RecordProblem(contentField, Array.isArray(content) ? reasonMessage("importRecord.plainTextOnly") : expected("expectedString", content));
  }
  return { message: { role, content }, roleField, contentField };
}

function noticed<T extends { answer?: string }>(conversation: T, notices: Set<ImportNotice>): T {
  if (conversation.answer !== undefined) notices.add("assistant-turn-as-answer");
  return conversation;
}

/** The prompt is everything up to and including the last user turn; an assistant turn right after it is an answer. */
function splitAtLastUserTurn(list: SourcedMessage[], field: string): { prompt: SourcedMessage[]; answer?: string } {
  const lastUser = list.findLastIndex((sourced) => sourced.message.role === "user");
  if (lastUser === -1) throw new RecordProblem(field, reasonMessage("importRecord.noUserTurn"));
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
      throw new RecordProblem(sourced.roleField, reasonMessage("importRecord.expectedAssistant", { gotText: quote(sourced.message.role) }));
    }
    return { answer: sourced.message.content, field, isList: false };
  }
  if (!Array.isArray(value)) throw new RecordProblem(field, expected("expectedStringOrMessages", value));
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
    if (conversation) throw new RecordProblem(conversation.field, reasonMessage("importRecord.noUserTurn"));
    throw new RecordProblem(undefined, NO_PROMPT_MESSAGE);
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
    throw new RecordProblem(sourced.contentField, reasonMessage(index === prompt.length - 1 ? "importRecord.emptyPrompt" : "importRecord.emptyMessage"));
  });
}

function readResponses(value: unknown): { content: string; model?: string }[] {
  if (!isPresent(value)) return [];
  if (typeof value === "string") return [{ content: value }];
  if (!Array.isArray(value)) throw new RecordProblem("responses", `expected a list of strings or {"content", "model"} objects, got ${describeValue(value)}`);
  return value.map((item: unknown, index) => {
    const at = `responses[${index}]`;
    if (typeof item === "string") return { content: item };
    if (!isPlainObject(item)) throw new RecordProblem(at, expected("expectedStringOrContent", item));
    if (typeof item.content !== "string") throw new RecordProblem(`${at}.content`, expected("expectedString", item.content));
    const model = readOptionalString(item.model, `${at}.model`);
    return model === undefined ? { content: item.content } : { content: item.content, model };
  });
}

function readExternalId(value: unknown, field: string): string | undefined {
  if (!isPresent(value)) return undefined;
  // Ids are keys for matching rows later; spaces around them are accidents of spreadsheets.
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new RecordProblem(field, expected("expectedStringOrNumber", value));
}

function readReference(value: unknown, field: string): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new RecordProblem(field, expected("expectedStringOrNumber", value));
}

/** The `gold` flag: true (or "true" / "1" / "yes" in CSV) makes the record's label over its two answers the expected verdict. */
function readGold(value: unknown, answers: readonly ImportedAnswer[], judgment: ImportedJudgment | undefined): NonNullable<PromptRecord["gold"]> | undefined {
  if (!isPresent(value) || value === false) return undefined;
  const text = typeof value === "string" ? value.trim().toLowerCase() : undefined;
  if (text !== undefined && ["", "false", "0", "no"].includes(text)) return undefined;
  if (value !== true && !(text !== undefined && ["true", "1", "yes"].includes(text))) throw new RecordProblem("gold", `expected true or false, got ${typeof value === "string" ? quote(value) : describeValue(value)}`);
  if (answers.length !== 2) throw new RecordProblem("gold", `a gold prompt needs exactly two answers (its expected verdict is a pairwise one), got ${answers.length}`);
  if (!judgment) throw new RecordProblem("gold", "a gold prompt needs its expected verdict: give the two answers with a label (chosen / rejected, a winner, or a mapped label)");
  if (judgment.outcome === "ALL_BAD") return { kind: "pairwise", verdict: "BOTH_BAD" };
  if (judgment.outcome === "TIE") return { kind: "pairwise", verdict: "TIE" };
  const first = judgment.ranks.find((rank) => rank.answer === 0);
  return { kind: "pairwise", verdict: first?.rank === 1 ? "A" : "B" };
}

function readMetadata(fields: Record<string, unknown>, consumed: ReadonlySet<string>): Record<string, unknown> {
  const explicit = fields.metadata;
  if (isPresent(explicit) && !isPlainObject(explicit)) throw new RecordProblem("metadata", expected("expectedObject", explicit));
  const leftovers = Object.entries(fields).filter(([key]) => !consumed.has(key));
  // fromEntries defines own properties, so a "__proto__" key stays data instead of changing the prototype.
  const metadata: Record<string, unknown> = Object.fromEntries([...leftovers, ...Object.entries(explicit ?? {})]);
  // A prompt's own verifier checks (top-level `checks` or `metadata.checks`) are checked here, so a bad one
  // is reported with its line instead of being stored and failing when the verifiers run.
  if (isPresent(metadata[PROMPT_CHECKS_KEY])) {
    // Places relative to the field the problem names (`[0].pattern: ...`), as a reason read in the user's language.
    const parsed = parseCheckList(metadata[PROMPT_CHECKS_KEY], "");
    if (!parsed.ok) throw new RecordProblem(PROMPT_CHECKS_KEY, reasonMessage(parsed.reason.key, parsed.reason.params));
  }
  return metadata;
}

function readOptionalString(value: unknown, field: string): string | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value !== "string") throw new RecordProblem(field, expected("expectedString", value));
  return value;
}

function isPresent(value: unknown): boolean {
  // pandas and many exporters write null for a missing optional column.
  return value !== undefined && value !== null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The kind of a value as a key under errors.valueKind ("number"), which the message words in its language. */
export function valueKind(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  return typeof value;
}

/** A record problem "expected X, got <kind of value>", as a catalogue reason. */
function expected(key: "expectedString" | "expectedNumber" | "expectedStringOrMessages" | "expectedMessages" | "expectedMessageObject" | "expectedStringOrContent" | "expectedStringOrNumber" | "expectedObject", value: unknown): string {
  return reasonMessage(`importRecord.${key}`, { got: valueKind(value) });
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

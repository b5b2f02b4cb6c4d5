import type { ChatMessage } from "@/lib/conversation";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { cx } from "@/components/ui/cx";

const roleLabel: Record<ChatMessage["role"], string> = { system: "System", user: "User", assistant: "Assistant (earlier turn)" };

/** The prompt: every turn up to the one being answered, the last user turn emphasised. */
export function ConversationView({ messages }: { messages: ChatMessage[] }) {
  return (
    <section aria-label="Prompt" className="space-y-2">
      {messages.map((message, index) => (
        <div
          key={index}
          className={cx(
            "rounded-lg border px-4 py-2",
            message.role === "user" && index === messages.length - 1 ? "border-accent/40 bg-accent-muted" : "border-border bg-surface",
            message.role === "system" && "text-muted-foreground",
          )}
        >
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{roleLabel[message.role]}</p>
          <SafeMarkdown>{message.content}</SafeMarkdown>
        </div>
      ))}
    </section>
  );
}

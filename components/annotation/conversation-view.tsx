import { useTranslations } from "next-intl";
import type { ChatMessage } from "@/lib/conversation";
import { SafeMarkdown } from "@/components/markdown/safe-markdown";
import { cx } from "@/components/ui/cx";

/** The prompt: every turn up to the one being answered, the last user turn emphasised. */
export function ConversationView({ messages }: { messages: ChatMessage[] }) {
  const t = useTranslations();
  return (
    <section aria-label={t("workspace.prompt")} className="space-y-2">
      {messages.map((message, index) => (
        <div
          key={index}
          className={cx(
            "rounded-lg border px-4 py-2",
            message.role === "user" && index === messages.length - 1 ? "border-accent/40 bg-accent-muted" : "border-border bg-surface",
            message.role === "system" && "text-muted-foreground",
          )}
        >
          <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{t(`vocabulary.messageRole.${message.role}`)}</p>
          <SafeMarkdown>{message.content}</SafeMarkdown>
        </div>
      ))}
    </section>
  );
}

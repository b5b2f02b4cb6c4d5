import { useTranslations } from "next-intl";
import { roles } from "@/lib/vocabulary";

/** The three roles as <option>s, each with what it may do (the label alone would not tell). */
export function RoleOptions({ withDescriptions = true }: { withDescriptions?: boolean }) {
  const t = useTranslations("vocabulary");
  const tUsers = useTranslations("users");
  return roles.map((role) => (
    <option key={role} value={role}>
      {withDescriptions ? tUsers("roleOption", { role: t(`role.${role}`), description: t(`roleDescription.${role}`) }) : t(`role.${role}`)}
    </option>
  ));
}

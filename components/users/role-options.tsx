import { roleDescriptions, roleLabels, roles } from "@/lib/vocabulary";

/** The three roles as <option>s, each with what it may do (the label alone would not tell). */
export function RoleOptions({ withDescriptions = true }: { withDescriptions?: boolean }) {
  return roles.map((role) => (
    <option key={role} value={role}>
      {withDescriptions ? `${roleLabels[role]} — ${roleDescriptions[role]}` : roleLabels[role]}
    </option>
  ));
}

import type { RoleName } from "@/lib/schemas/user";

export const roleLabels: Record<RoleName, string> = {
  ADMIN: "Admin",
  ANNOTATOR: "Annotator",
  ENGINEER: "Engineer",
};

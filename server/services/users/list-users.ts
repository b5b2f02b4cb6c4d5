import "server-only";
import { requirePermission } from "../../auth/require";
import { canManageUsers } from "@/lib/authz/permissions";
import type { Actor } from "../../authz/actor";
import { getDb } from "../../db/client";
import { publicUserSelect, type PublicUser } from "./internal/public-user";

export async function listUsers({ actor }: { actor: Actor }): Promise<PublicUser[]> {
  requirePermission(actor, canManageUsers, "list users");
  return getDb().user.findMany({ select: publicUserSelect, orderBy: [{ disabledAt: { sort: "desc", nulls: "first" } }, { email: "asc" }] });
}

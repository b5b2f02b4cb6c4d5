import { describe, expect, it } from "vitest";
import { roles, type Role } from "../vocabulary";
import {
  canAnnotate,
  canExport,
  canManageEndpoints,
  canManagePromptSets,
  canManageUsers,
  canSettleJudgments,
  canViewPromptSets,
  canViewQuality,
  type Permission,
} from "./permissions";

const expected: Record<string, [Permission, Role[]]> = {
  canManageUsers: [canManageUsers, ["ADMIN"]],
  canManagePromptSets: [canManagePromptSets, ["ADMIN"]],
  canManageEndpoints: [canManageEndpoints, ["ADMIN"]],
  canViewPromptSets: [canViewPromptSets, ["ADMIN", "ENGINEER"]],
  canAnnotate: [canAnnotate, ["ADMIN", "ANNOTATOR"]],
  canSettleJudgments: [canSettleJudgments, ["ADMIN"]],
  canExport: [canExport, ["ADMIN", "ENGINEER"]],
  canViewQuality: [canViewQuality, ["ADMIN", "ENGINEER"]],
};

describe("permissions", () => {
  for (const [name, [permission, allowed]] of Object.entries(expected)) {
    for (const role of roles) {
      const isAllowed = allowed.includes(role);
      it(`${name} ${isAllowed ? "allows" : "refuses"} ${role}`, () => {
        expect(permission({ role })).toBe(isAllowed);
      });
    }
  }
});

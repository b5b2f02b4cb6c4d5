import type { Role } from "../../lib/vocabulary";
import { expect, test } from "../support/fixtures";

const navigation: Record<Role, string[]> = {
  ADMIN: ["Prompt sets", "Annotate", "Review", "Leaderboard", "Exports", "Endpoints", "Users"],
  ANNOTATOR: ["Annotate"],
  ENGINEER: ["Prompt sets", "Leaderboard", "Exports"],
};

for (const [role, links] of Object.entries(navigation) as [Role, string[]][]) {
  test(`${role.toLowerCase()} sees exactly their own navigation`, async ({ as }) => {
    const { page } = await as(role);
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(links.map((link) => new RegExp(link)));
    for (const link of links) {
      await nav.getByRole("link", { name: link }).click();
      await expect(page.getByRole("heading", { level: 1, name: link })).toBeVisible();
    }
  });
}

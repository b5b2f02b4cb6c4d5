import { systemActor } from "../../server/authz/actor";
import { getDb } from "../../server/db/client";
import { archiveEndpoint } from "../../server/services/endpoints/archive-endpoint";
import { makeEndpoint } from "../../tests/support/generation-factories";
import { expect, test } from "../support/fixtures";

test("an admin archives an endpoint; archiving one already gone says so beside the button", async ({ as }) => {
  const endpoint = await makeEndpoint("http://127.0.0.1:9/v1");
  const stale = await makeEndpoint("http://127.0.0.1:9/v1");
  const { page } = await as("ADMIN");
  await page.goto("/endpoints");

  await page.getByTestId(`endpoint-${endpoint.name}`).getByRole("button", { name: "Archive" }).click();
  await expect(page.getByTestId(`endpoint-${endpoint.name}`)).toHaveCount(0);
  await expect(page.getByTestId("page-error")).toHaveCount(0);
  expect((await getDb().endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).archivedAt).toBeInstanceOf(Date);

  // Archived meanwhile (another admin, another tab): the page still shows it.
  await archiveEndpoint({ actor: systemActor("e2e"), endpointId: stale.id });
  await page.getByTestId(`endpoint-${stale.name}`).getByRole("button", { name: "Archive" }).click();
  await expect(page.getByTestId(`archive-${stale.id}`)).toContainText("No such endpoint (or it is already archived).");
  await expect(page.getByTestId("page-error")).toHaveCount(0);
});

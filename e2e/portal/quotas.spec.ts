import { expect, test } from "@playwright/test";
import { signUp } from "../support";
import { createEndpoint, shot } from "./portal-helpers";

const ENDPOINT_QUOTA = 100; // HOOKLINE_MAX_ENDPOINTS_PER_TENANT's default: the e2e server sets none

test("the portal shows endpoint usage against the quota and the server's message beyond it", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, { organization: "Quota Co" });
  // all but the last through the portal's own API, as the form would send them
  for (let n = 1; n < ENDPOINT_QUOTA; n++) {
    const created = await page.request.post("/api/trpc/endpoints.create", {
      data: { json: { url: `https://receiver-${n}.example.com/hook`, enabled_events: ["*"] } },
    });
    expect(created.status(), await created.text()).toBe(200);
  }
  await page.goto("/endpoints");
  await expect(page.getByText(`${ENDPOINT_QUOTA - 1} of ${ENDPOINT_QUOTA} endpoints`)).toBeVisible();
  await createEndpoint(page, { url: "https://last.example.com/hook", description: "the last one allowed" });

  await page.goto("/endpoints");
  await expect(page.getByText(`${ENDPOINT_QUOTA} of ${ENDPOINT_QUOTA} endpoints`)).toBeVisible();
  await page.goto("/endpoints/new");
  await page.getByLabel("Endpoint URL").fill("https://one-too-many.example.com/hook");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText(`This tenant has reached its limit of ${ENDPOINT_QUOTA} endpoints; delete one before adding another`)).toBeVisible();
  await expect(page).toHaveURL(/\/endpoints\/new$/);
  await shot(page, "endpoint-quota");
});

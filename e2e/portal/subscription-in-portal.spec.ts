import { expect, test } from "@playwright/test";
import { curl, demoApiKey, json, startReceiver } from "../api/api-helpers";
import { DEMO, signIn } from "../support";
import { shot } from "./portal-helpers";

// A seed 004 subscription is a Hookline endpoint: made through the guide's API, it is in the tenant's portal
// with its deliveries, like any endpoint.
test("a subscription made with seed 004's API is an endpoint in the portal, with its deliveries", async ({ page, request }) => {
  const token = demoApiKey();
  const receiver = await startReceiver();
  try {
    const url = receiver.url("/basiq-style");
    const subscription = await json<{ id: string }>(
      await curl(request, {
        method: "POST",
        path: "/notifications/webhooks",
        token,
        headers: { "Content-Type": "application/json" },
        data: JSON.stringify({ url, subscribedEvents: "user.created", name: "Users", description: "Seed 004 subscription" }),
      }),
      201,
    );
    const published = await curl(request, {
      method: "POST",
      path: "/api/v2/messages",
      token,
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({
        event_type: "user.created",
        payload: { userId: "u-portal", email: null, mobile: null, firstName: "Ada", lastName: null, createdAt: "2026-12-01T09:00:00Z" },
      }),
    });
    expect(published.status()).toBe(202);
    await receiver.waitFor((received) => received.url === "/basiq-style");

    await signIn(page, DEMO);
    await page.goto("/endpoints");
    const row = page.getByTestId("endpoint-row").filter({ hasText: url });
    await expect(row).toContainText("Seed 004 subscription");
    await row.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/endpoints/${subscription.id}$`));
    await expect(page.getByTestId("delivery-row").filter({ hasText: "user.created" }).first()).toHaveAttribute("data-status", "succeeded", {
      timeout: 45_000,
    });
    await shot(page, "seed-004-subscription-in-portal");
  } finally {
    await receiver.close();
  }
});

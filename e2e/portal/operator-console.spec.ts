import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signUp } from "../support";
import { curl, json, startReceiver } from "../api/api-helpers";
import { shot } from "./portal-helpers";

/** A platform key made in the console, the way an operator hands one to the product's backend. */
async function createPlatformKey(page: Page): Promise<string> {
  await page.goto("/operator/api-keys");
  await page.getByRole("button", { name: "Create platform key" }).click();
  await page.getByLabel("Name").fill("e2e backend");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-platform-key").textContent())!.trim();
  expect(key).toMatch(/^hk_op_/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("platform-key-row").filter({ hasText: "e2e backend" }).first()).toBeVisible();
  return key;
}

// The demo user is the install's operator (the start-up seed makes it one).
test("the operator console lists a tenant made through the API with its figures, and a demo event sent to it arrives", async ({ page }) => {
  test.setTimeout(180_000);
  const good = await startReceiver();
  const bad = await startReceiver();
  bad.respondWith(500);
  try {
    await signIn(page, DEMO);
    const platformKey = await createPlatformKey(page);

    // the product's backend: a tenant per customer, its endpoints, events published by external id
    const externalId = `cus_e2e_${randomBytes(4).toString("hex")}`;
    const tenantName = `Initech ${externalId.slice(-8)}`;
    const tenant = await json<{ id: string }>(
      await curl(page.request, { method: "POST", path: "/api/v2/tenants", token: platformKey, data: JSON.stringify({ name: tenantName, external_id: externalId }) }),
      201,
    );
    const forTenant = { "Hookline-Tenant": externalId, "Content-Type": "application/json" };
    const endpoint = (url: string, extra: object) =>
      curl(page.request, { method: "POST", path: "/api/v2/webhook_endpoint", token: platformKey, headers: forTenant, data: JSON.stringify({ url, ...extra }) });
    await json(await endpoint(good.url(), { enabled_events: ["*"], description: "Initech receiver" }), 201);
    await json(await endpoint(bad.url(), { enabled_events: ["document_upload"], retry_count: 0, description: "Initech legacy receiver" }), 201);
    const catalog = await json<{ name: string; example: unknown }[]>(await curl(page.request, { path: "/api/v2/events", token: platformKey, headers: forTenant }), 200);
    for (const eventType of ["profile_create", "document_upload"]) {
      const payload = catalog.find((e) => e.name === eventType)!.example;
      await json(
        await curl(page.request, { method: "POST", path: "/api/v2/messages", token: platformKey, headers: forTenant, data: JSON.stringify({ event_type: eventType, payload }) }),
        202,
      );
    }
    // three deliveries: two to the receiver that answers 200, one to the one that answers 500 (no retries)
    await good.waitFor((r) => r.body.includes("document_upload"));
    await bad.waitFor((r) => r.body.includes("document_upload"));

    await page.goto("/operator");
    await expect(page.getByRole("heading", { name: "Operator console" })).toBeVisible();
    await expect(page.getByTestId("deliveries-chart")).toBeVisible();
    await page.getByLabel("Search tenants").fill(externalId);
    const row = page.getByTestId("tenant-row").filter({ hasText: tenantName });
    await expect(page.getByTestId("tenant-row")).toHaveCount(1);
    await expect(row).toContainText(externalId);
    // the list follows deliveries as they finish (it refreshes every 15 s)
    await expect(row.getByTestId("deliveries-24h")).toHaveText("3", { timeout: 45_000 });
    await expect(row.getByTestId("success-rate")).toContainText("66.7%");
    await expect(row.getByTestId("failing-endpoints")).toHaveText("1 failing");
    await expect(row).not.toContainText("Never");
    await shot(page, "operator-console");

    await row.getByRole("link", { name: tenantName }).click();
    await expect(page).toHaveURL(`/operator/tenants/${tenant.id}`);
    await expect(page.getByRole("heading", { name: tenantName })).toBeVisible();
    await expect(page.getByTestId("tenant-deliveries-24h")).toHaveText("3");
    await expect(page.getByTestId("operator-endpoint-row")).toHaveCount(2);
    await expect(page.getByTestId("recent-failures")).toContainText("HTTP 500");

    // a demo event of a type the receiver does not subscribe to, to that receiver, watched until it arrives
    await page.getByRole("button", { name: "Send demo event" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Event type").selectOption("user.created");
    await dialog.getByLabel("Send to").selectOption({ label: `Initech receiver — ${good.url()}` });
    await dialog.getByRole("button", { name: "Send demo event" }).click();
    const delivery = dialog.getByTestId("demo-delivery");
    await expect(delivery).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
    await expect(delivery.getByTestId("demo-attempt")).toContainText("HTTP 200");
    const received = await good.waitFor((r) => r.body.includes("user.created"));
    expect(received.headers["webhook-signature"]).toMatch(/^v1,/);
    await shot(page, "operator-tenant-demo-event");

    // and one to a capture URL made for the occasion, in the tenant's own inspector
    await dialog.getByRole("button", { name: "Send another" }).click();
    await dialog.getByLabel("Event type").selectOption("session.submitted");
    await dialog.getByLabel("Send to").selectOption({ label: "A new inspector capture URL" });
    await dialog.getByRole("button", { name: "Send demo event" }).click();
    await expect(dialog.getByTestId("demo-event-result")).toContainText("/api/inspect/in_");
    await expect(dialog.getByTestId("demo-delivery")).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("operator-endpoint-row")).toHaveCount(3);
    // demo events are tests: the tenant's figures stay as they were
    await expect(page.getByTestId("tenant-deliveries-24h")).toHaveText("3");
    await shot(page, "operator-tenant");

    await page.getByRole("button", { name: "Copy portal link" }).click();
    await page.getByRole("dialog").getByText("Read-only", { exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Create link" }).click();
    await expect(page.getByTestId("portal-link")).toHaveText(/\/portal\/hlp_/);
    await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();

    await page.goto("/operator/activity");
    const log = page.getByTestId("activity-row");
    await expect(log.filter({ hasText: `Created tenant ${tenantName}` })).toContainText("e2e backend");
    await expect(log.filter({ hasText: "read-only portal link" }).first()).toContainText(DEMO.email);

    // stepping into the tenant's portal: audited, and the portal then shows the tenant's pages
    await page.goto(`/operator/tenants/${externalId}`);
    await page.getByRole("button", { name: "Open portal" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Open portal" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("tenant-name")).toHaveText(tenantName);
    // the tenant's own activity log says who stepped in, and shows nothing of other tenants
    await page.goto("/activity");
    await expect(page.getByTestId("activity-row").filter({ hasText: "opened the tenant's portal" })).toContainText(DEMO.email);
    await expect(page.getByTestId("activity-row").filter({ hasText: `Created tenant ${tenantName}` })).toHaveCount(1);
    await expect(page.getByText("Demo Inc.")).toHaveCount(0);
  } finally {
    await Promise.all([good.close(), bad.close()]);
  }
});

test("someone who is not an operator gets a page saying so, and the console's API refuses them", async ({ page }) => {
  await signUp(page, { organization: "Not The Product Team" });
  await page.goto("/operator");
  await expect(page.getByRole("heading", { name: "Operators only" })).toBeVisible();
  await expect(page.getByTestId("tenant-row")).toHaveCount(0);
  await page.goto("/operator/tenants/cus_anything");
  await expect(page.getByRole("heading", { name: "Operators only" })).toBeVisible();
  const viaTrpc = await page.request.get(`/api/trpc/operator.tenants.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
  expect(viaTrpc.status()).toBe(403);
});

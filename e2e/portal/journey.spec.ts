import { expect, test } from "@playwright/test";
import { setSwitch, signUp } from "../support";
import { createEndpoint, sendTestEvent, shot } from "./portal-helpers";

// The main journey of issue 6, as a new user: everything through the browser, deliveries for real.
test("a new user wires an endpoint to the inspector, watches deliveries succeed and fail, and manages secrets and keys", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, { organization: "Journey Labs" });

  // ── an endpoint pointing at the built-in inspector ──
  await page.goto("/endpoints");
  await expect(page.getByText("No endpoints yet")).toBeVisible();
  await shot(page, "endpoints-empty");
  await page.goto("/endpoints/new");
  await shot(page, "endpoint-new");
  const endpointId = await createEndpoint(page, { description: "Inspector demo" });
  await expect(page.getByTestId("endpoint-url")).toContainText("/api/inspect/in_");

  // ── a test event arrives, signed ──
  const { dialog, result } = await sendTestEvent(page, "profile_create", "succeeded");
  await expect(result.getByTestId("attempt").first()).toContainText("HTTP 200");
  await shot(page, "send-test-event");
  await dialog.getByRole("button", { name: "Done" }).click();

  await page.goto("/inspector");
  const request = page.getByTestId("inspector-request").first();
  await expect(request).toContainText("POST");
  await expect(request).toContainText("profile_create");
  await expect(page.getByTestId("signature-verdict")).toContainText("Signature verified");
  await expect(page.getByRole("table", { name: "Request headers" })).toContainText("webhook-signature");
  await expect(page.getByLabel("Request body", { exact: true })).toContainText('"event_type": "profile_create"');
  await shot(page, "inspector");

  // ── the delivery and its attempt on the endpoint page ──
  await page.goto(`/endpoints/${endpointId}`);
  const delivery = page.getByTestId("delivery-row").first();
  await expect(delivery).toHaveAttribute("data-status", "succeeded");
  await delivery.getByRole("button", { name: "Expand delivery of profile_create" }).click();
  const attempt = delivery.getByTestId("attempt").first();
  await expect(attempt).toContainText("HTTP 200");
  await expect(attempt.getByRole("table", { name: "Attempt 1 request headers" })).toContainText("webhook-id");
  await expect(attempt.getByLabel("Attempt 1 request body", { exact: true })).toContainText("profile_create");
  await expect(attempt.getByLabel("Attempt 1 response body", { exact: true })).toContainText("received");
  await shot(page, "endpoint-detail");

  // ── rotate the secret: the old one keeps signing through the overlap ──
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("secret-value")).toHaveText(/^whsec_/);
  const before = (await page.getByTestId("secret-value").textContent())!;
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("dialog")).toContainText("two signatures");
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText("Secret rotated")).toBeVisible();
  await expect(page.getByTestId("secret-overlap")).toContainText("previous secret still signs until");
  // the new secret is shown at once, ready to copy to the receiver
  await expect(page.getByTestId("secret-value")).toHaveText(/^whsec_/);
  expect(await page.getByTestId("secret-value").textContent()).not.toBe(before);

  // ── a receiver that is down: retries, then failure, then a manual retry ──
  const failingId = await createEndpoint(page, { url: "http://127.0.0.1:9/", description: "Closed port", retries: "2", interval: "3" });
  await page.getByRole("button", { name: "Send test event" }).click();
  const failDialog = page.getByRole("dialog");
  await failDialog.getByLabel("Event type").selectOption("document_upload");
  await failDialog.getByRole("button", { name: "Send test event" }).click();
  const failing = failDialog.getByTestId("test-event-result").getByTestId("delivery-row");
  // between attempts the delivery waits for its retry
  await expect(failing.getByText("Retrying")).toBeVisible({ timeout: 30_000 });
  await expect(failing).toHaveAttribute("data-status", "failed", { timeout: 60_000 });
  await expect(failing.getByTestId("attempt")).toHaveCount(3);
  await expect(failing.getByTestId("attempt").first()).toContainText("Connection refused");
  await expect(failing).toContainText("3 attempts");
  await shot(page, "test-event-failed");
  await failDialog.getByRole("button", { name: "Done" }).click();

  const failedRow = page.getByTestId("delivery-row").filter({ has: page.getByRole("button", { name: "Retry" }) }).first();
  await expect(failedRow).toHaveAttribute("data-status", "failed");
  await failedRow.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Retry queued")).toBeVisible();
  await expect(page.getByTestId("delivery-row")).toHaveCount(2);
  await expect(page.getByTestId("delivery-row").first()).toContainText("retry");
  await shot(page, "endpoint-failing");

  // the message log spans both endpoints and filters by status
  await page.goto("/messages");
  await expect(page.getByTestId("delivery-row").filter({ hasText: "profile_create" })).toHaveCount(1);
  await page.getByLabel("Status", { exact: true }).selectOption("succeeded");
  await expect(page.getByTestId("delivery-row")).toHaveCount(1);
  await page.getByLabel("Status", { exact: true }).selectOption("");
  await page.getByLabel("Endpoint", { exact: true }).selectOption(failingId);
  await expect(page.getByTestId("delivery-row").first()).toContainText("document_upload");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("delivery-row")).toHaveCount(3);
  await shot(page, "messages");

  // the endpoint list shows both with their last delivery
  await page.goto("/endpoints");
  await expect(page.getByTestId("endpoint-row")).toHaveCount(2);
  await shot(page, "endpoints");

  // ── API keys: shown once, then revoked ──
  await page.goto("/api-keys");
  await expect(page.getByText("No API keys yet")).toBeVisible();
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill("CI pipeline");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("new-api-key")).not.toBeEmpty();
  await expect(page.getByRole("dialog")).toContainText("only time");
  await shot(page, "api-key-created");
  await page.getByRole("button", { name: "Done" }).click();
  const keyRow = page.getByTestId("api-key-row").filter({ hasText: "CI pipeline" });
  await expect(keyRow).toContainText("Never");
  await keyRow.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(keyRow).toContainText("Revoked");
  await shot(page, "api-keys");

  // ── the primary webhook of seed 002 ──
  await page.goto("/primary-webhook");
  await page.getByLabel("Webhook URL").fill("https://example.com/hookline");
  await setSwitch(page, "profile_create", true);
  await setSwitch(page, "document_upload", true);
  await page.getByRole("button", { name: "Create primary webhook" }).click();
  await expect(page.getByText("Primary webhook created")).toBeVisible();
  await expect(page.getByRole("switch", { name: "profile_create" })).toHaveAttribute("data-state", "checked");
  await expect(page.getByRole("switch", { name: "profile_update" })).toHaveAttribute("data-state", "unchecked");
  await expect(page.getByText("signs X-Signature")).toBeVisible();
  await page.getByRole("button", { name: "Reveal" }).click();
  await expect(page.getByTestId("secret-value")).toHaveText(/^whsk_/);
  const token = (await page.getByTestId("secret-value").textContent())!;
  // signature off: the token itself travels in X-Webhook-Token
  await setSwitch(page, "Signature enabled", false);
  await setSwitch(page, "document_upload", false);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Primary webhook saved")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Signature enabled" })).toHaveAttribute("data-state", "unchecked");
  await expect(page.getByRole("switch", { name: "document_upload" })).toHaveAttribute("data-state", "unchecked");
  await expect(page.getByText("sent as X-Webhook-Token")).toBeVisible();
  await page.getByRole("button", { name: "Rotate token" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByText("Token rotated")).toBeVisible();
  await expect(page.getByTestId("secret-value")).toHaveText(/^wh/);
  expect(await page.getByTestId("secret-value").textContent()).not.toBe(token);
  await shot(page, "primary-webhook");

  // ── the dashboard and the catalog reflect it all ──
  await page.goto("/dashboard");
  await expect(page.getByTestId("deliveries-chart")).toBeVisible();
  await expect(page.getByTestId("recent-activity")).toContainText("profile_create");
  await shot(page, "dashboard-activity");
  await page.goto("/event-types");
  await expect(page.getByTestId("event-type")).toHaveCount(17);
  await expect(page.locator("#session\\.submitted")).toContainText("api_version");
  await shot(page, "event-types");
});

import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "../support";
import { shot } from "./portal-helpers";

// First run: the seeded demo tenant is a living system, with its own inspector receiving real deliveries.
test("the demo tenant starts with an inspector, endpoints pointing at it, and delivered and failed messages", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO);

  await page.goto("/endpoints");
  await expect(page.getByTestId("endpoint-row").filter({ hasText: "Demo: the built-in inspector" })).toBeVisible();
  await expect(page.getByTestId("endpoint-row").filter({ hasText: "Demo: a flaky receiver" })).toBeVisible();

  // the seeded messages are delivered once the app is up: six to the inspector, two of them also to a receiver that fails
  await page.goto("/messages");
  await page.getByLabel("Status", { exact: true }).selectOption("succeeded");
  await expect(page.getByTestId("delivery-row")).toHaveCount(6, { timeout: 60_000 });
  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await expect(page.getByTestId("delivery-row")).toHaveCount(2, { timeout: 60_000 });
  await page.getByLabel("Status", { exact: true }).selectOption("");
  await shot(page, "demo-messages");

  await page.goto("/inspector");
  await expect(page.getByTestId("inspector-request").first()).toBeVisible();
  await expect(page.getByTestId("signature-verdict")).toContainText("Signature verified");
  await shot(page, "demo-inspector");

  await page.goto("/dashboard");
  await expect(page.getByTestId("failing-endpoints")).toContainText("status=503");
  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await shot(page, "demo-dashboard-dark");
  await page.getByRole("button", { name: "Switch to light mode" }).click();
});

import { expect, test } from "@playwright/test";
import { signUp } from "../support";
import { createApiKey } from "./portal-helpers";

test("a tenant with more endpoints than a page pages through them, newest first", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, { organization: "Many Endpoints Ltd" });
  const key = await createApiKey(page, "Setup");
  for (let i = 1; i <= 51; i++) {
    const response = await page.request.post("/api/v2/webhook_endpoint", {
      headers: { Authorization: `Bearer ${key}` },
      data: { url: `https://receiver-${i}.example.com/hooks`, enabled_events: ["profile_create"], description: `Receiver ${i}` },
    });
    expect(response.status()).toBe(201);
  }

  await page.goto("/endpoints");
  await expect(page.getByTestId("endpoint-row")).toHaveCount(50);
  await expect(page.getByTestId("endpoint-row").first()).toContainText("Receiver 51");
  await expect(page.getByText("Newest first")).toBeVisible();
  await page.getByRole("button", { name: "Older" }).click();
  await expect(page.getByTestId("endpoint-row")).toHaveCount(1);
  await expect(page.getByTestId("endpoint-row")).toContainText("Receiver 1");
  await expect(page.getByText("Page 2")).toBeVisible();
  await expect(page.getByRole("button", { name: "Older" })).toBeDisabled();
  await page.getByRole("button", { name: "Newer" }).click();
  await expect(page.getByTestId("endpoint-row")).toHaveCount(50);
});

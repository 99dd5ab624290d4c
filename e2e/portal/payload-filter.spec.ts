import { expect, test } from "@playwright/test";
import { signUp } from "../support";
import { shot } from "./portal-helpers";

test("the endpoint form edits, checks and previews a payload filter; the endpoint page shows it and the ordering rule", async ({ page }) => {
  await signUp(page, { organization: "Filter Co" });

  await page.goto("/endpoints/new");
  await page.getByLabel("Endpoint URL").fill("https://example.com/filtered");
  await expect(page.getByTestId("ordering-note")).toContainText("in publish order");

  await page.getByLabel("Filter (JSON)").fill('{"path": "amount", "gte": ');
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText(/not valid JSON/i)).toBeVisible();

  await page.getByLabel("Filter (JSON)").fill('{"path": "amount", "gte": "100"}');
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText(/^gte: /)).toBeVisible();

  await page.getByLabel("Filter (JSON)").fill("");
  await page.getByRole("button", { name: "Start from an example" }).click();
  await expect(page.getByLabel("Filter (JSON)")).toHaveValue(/"currency"/);
  await page.getByRole("button", { name: /Test against the last 50 messages/ }).click();
  await expect(page.getByTestId("filter-preview")).toContainText("No messages yet to test against");
  await shot(page, "endpoint-filter");

  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("endpoint-filter")).toContainText('"path":"amount","gte":100');
  await expect(page.getByText(/one at a time, in publish order/)).toBeVisible();
});

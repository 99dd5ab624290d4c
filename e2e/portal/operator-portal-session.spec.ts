import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn } from "../support";

// An operator stepping into a tenant's portal (the console's "Open portal") sees the normal portal under a
// banner that names them, and leaves it with Exit.
test("an operator inside a tenant's portal: a banner that names them, and Exit back to the console", async ({ page }) => {
  await signIn(page, DEMO);
  // the console's "Open portal" for the second demo tenant: the session cookie lands in this browser
  const opened = await page.request.post("/api/trpc/operator.tenants.openPortal?batch=1", { data: { 0: { json: { tenant: "cus_globex" } } } });
  expect(opened.status(), await opened.text()).toBe(200);

  await page.goto("/");
  await expect(page).toHaveURL(/\/endpoints$/);
  const banner = page.getByTestId("operator-banner");
  await expect(banner).toHaveText(/You are viewing Globex Corporation as operator demo@hookline\.dev — every change is recorded/);
  await expect(page.getByTestId("tenant-name")).toHaveText("Globex Corporation");
  // the normal portal around it, the account's pages included
  await expect(page.getByRole("link", { name: "API keys" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await screenshot(page, "operator-portal-session");

  await banner.getByRole("button", { name: "Exit" }).click();
  await expect(page).toHaveURL(/\/operator$/);
  await expect(page.getByTestId("operator-banner")).toHaveCount(0);
  await page.goto("/endpoints");
  await expect(page.getByTestId("tenant-name")).toHaveText("Demo Inc.");
  await expect(page.getByRole("link", { name: "Operator console" })).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn, signUp } from "../support";

test("a new user signs up, signs out and signs back in to their own tenant", async ({ page }) => {
  const account = await signUp(page, { organization: "Acme Payments" });
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("tenant-name")).toHaveText("Acme Payments");
  await screenshot(page, "dashboard");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, account);
  await expect(page.getByTestId("user-email")).toHaveText(account.email);
});

test("the seeded demo user can sign in", async ({ page }) => {
  await signIn(page, DEMO);
  await expect(page.getByTestId("tenant-name")).toHaveText("Demo Inc.");
});

test("sign-in and sign-up reject bad input with clear messages", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect");

  await page.goto("/signup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await screenshot(page, "signup-validation");
});

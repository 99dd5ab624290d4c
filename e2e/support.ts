import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const DEMO = { email: "demo@hookline.dev", password: "hookline-demo" };

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomBytes(4).toString("hex")}@example.test`;
}

export async function signUp(page: Page, { name = "Ada Lovelace", organization = "Analytical Engines", email = uniqueEmail(), password = "correct horse battery" } = {}) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Organization").fill(organization);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return { email, password, organization };
}

export async function signIn(page: Page, { email, password }: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/**
 * Turns a switch on or off and waits until it shows that state. A click that lands before the page has
 * hydrated is lost (the server-rendered button does nothing yet), so it clicks again until it takes.
 */
export async function setSwitch(page: Page, name: string, on: boolean) {
  const control = page.getByRole("switch", { name });
  const wanted = on ? "checked" : "unchecked";
  await expect(async () => {
    if ((await control.getAttribute("data-state")) !== wanted) await control.click();
    await expect(control).toHaveAttribute("data-state", wanted, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

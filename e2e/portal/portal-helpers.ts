import { expect, type Page } from "@playwright/test";
import { screenshot } from "../support";

/** Creates a tenant API key on the API keys page; returns the key as shown once. */
export async function createApiKey(page: Page, name: string): Promise<string> {
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  return (await page.getByTestId("new-api-key").textContent())!.trim();
}

/** Creates an endpoint through the form; returns its id from the URL it lands on. */
export async function createEndpoint(page: Page, { url, description, retries, interval }: { url?: string; description: string; retries?: string; interval?: string }) {
  await page.goto("/endpoints/new");
  await expect(page.getByRole("heading", { name: "New endpoint" })).toBeVisible();
  if (url) {
    await page.getByLabel("Endpoint URL").fill(url);
  } else {
    await page.getByRole("button", { name: "Use the inspector" }).click();
    await page.getByRole("menuitem", { name: /inspector|New capture URL/i }).first().click();
    await expect(page.getByLabel("Endpoint URL")).toHaveValue(/\/api\/inspect\/in_/);
  }
  await page.getByLabel("Description").fill(description);
  if (retries !== undefined) await page.getByLabel("Retries").fill(retries);
  if (interval !== undefined) await page.getByLabel("Retry interval (seconds)").fill(interval);
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Endpoint created")).toBeVisible();
  return page.url().split("/").pop()!;
}

/** Sends the named catalog event from the endpoint page and waits for the delivery to settle. */
export async function sendTestEvent(page: Page, eventType: string, settled: "succeeded" | "failed") {
  await page.getByRole("button", { name: "Send test event" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Event type").selectOption(eventType);
  await expect(dialog.getByLabel("Payload")).toHaveValue(/\{/);
  await dialog.getByRole("button", { name: "Send test event" }).click();
  const result = dialog.getByTestId("test-event-result").getByTestId("delivery-row");
  await expect(result).toHaveAttribute("data-status", settled, { timeout: 45_000 });
  return { dialog, result };
}

/** A full-page screenshot from the top, so the sticky sidebar sits where a reader expects it. */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

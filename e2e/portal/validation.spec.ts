import { expect, test } from "@playwright/test";
import { signUp } from "../support";
import { shot } from "./portal-helpers";

test("forms show the server's validation errors inline before anything is sent", async ({ page }) => {
  await signUp(page, { organization: "Validation Co" });

  await page.goto("/endpoints/new");
  await page.getByLabel("Endpoint URL").fill("not a url");
  await page.getByLabel("Description").click();
  await expect(page.getByText("Must be an absolute URL such as https://example.com/webhooks")).toBeVisible();
  await page.getByLabel("Endpoint URL").fill("ftp://example.com/hook");
  await expect(page.getByText("Must use http or https")).toBeVisible();
  await page.getByLabel("Endpoint URL").fill("https://example.com/hook");
  await expect(page.getByText("Must use http or https")).toBeHidden();

  await page.getByLabel("Retries").fill("50");
  await page.getByLabel("Timeout (ms)").fill("abc");
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1", { exact: true }).fill("Content-Type");
  await page.getByRole("radio", { name: "API key" }).click();
  await page.getByRole("button", { name: "Create endpoint" }).click();

  await expect(page.getByText("Some fields need your attention")).toBeVisible();
  await expect(page.getByText("Must be at most 20")).toBeVisible();
  await expect(page.getByText("Enter a whole number")).toBeVisible();
  await expect(page.getByText("Content-Type: this header is set by Hookline itself")).toBeVisible();
  await expect(page.locator("#auth_apiKey-error")).toBeVisible();
  await expect(page).toHaveURL(/\/endpoints\/new$/);
  await shot(page, "endpoint-validation");

  // fixing the fields clears their errors and the endpoint is created
  await page.getByLabel("Retries").fill("3");
  await page.getByLabel("Timeout (ms)").fill("5000");
  await page.getByRole("button", { name: "Remove header 1" }).click();
  await page.getByLabel("API key").fill("k3y-for-the-receiver");
  await expect(page.getByText("Must be at most 20")).toBeHidden();
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/[0-9a-f-]{36}$/);
  await expect(page.getByText("ApiKey · X-API-Key")).toBeVisible();

  // editing keeps the stored API key when its field is left blank, and validates the same way
  await page.getByRole("link", { name: "Edit" }).first().click();
  await expect(page.getByRole("heading", { name: "Edit endpoint" })).toBeVisible();
  await expect(page.getByLabel("API key")).toHaveValue("");
  await page.getByLabel("Description").fill("Orders service");
  await page.getByLabel("Retry interval (seconds)").fill("0");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Must be at least 1")).toBeVisible();
  await page.getByLabel("Retry interval (seconds)").fill("30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Endpoint saved")).toBeVisible();
  await expect(page.getByText("Orders service")).toBeVisible();
  await expect(page.getByText("ApiKey · X-API-Key")).toBeVisible();
  await expect(page.getByText("3 × every 30s")).toBeVisible();

  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name")).toBeVisible();
  await page.keyboard.press("Escape");

  await page.goto("/primary-webhook");
  await page.getByRole("button", { name: "Create primary webhook" }).click();
  await expect(page.getByText("Enter the URL to deliver to")).toBeVisible();
  await page.getByLabel("Webhook URL").fill("nope");
  await expect(page.getByText("must be an absolute URL such as https://example.com/webhooks")).toBeVisible();
});

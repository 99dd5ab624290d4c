/**
 * The pages work under their Content-Security-Policy (issue 12, finding 11): the portal, the embedded
 * portal (e2e/portal/embedded-portal.spec.ts) and the API reference render in Chromium with no policy
 * violation, and every response carries nosniff and a Referrer-Policy; HSTS only over https.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "../support";

/** Every CSP violation the page reports, as Chromium logs it. */
function violationsOf(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("pages and APIs carry the security headers; no HSTS over plain http", async ({ request }) => {
  for (const path of ["/signin", "/docs/api", "/api/health", "/api/v2/openapi.json"]) {
    const headers = (await request.get(path)).headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
  const policy = (await request.get("/signin")).headers()["content-security-policy"];
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("object-src 'none'");
});

test("the portal renders and works under its policy", async ({ page }) => {
  const violations = violationsOf(page);
  await signIn(page, DEMO);
  await expect(page.getByTestId("tenant-name")).toHaveText("Demo Inc.");
  for (const path of ["/endpoints", "/messages", "/inspector", "/operator"]) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("the API reference renders under its policy", async ({ page }) => {
  const violations = violationsOf(page);
  await page.goto("/docs/api");
  await expect(page.getByText("Create an endpoint").first()).toBeVisible({ timeout: 30_000 });
  expect(violations).toEqual([]);
});

import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { screenshot, signUp } from "../support";

const run = promisify(execFile);

/** The active tenant's slug, as the portal's own query reports it. */
async function activeTenantSlug(page: Page): Promise<string> {
  const response = await page.request.get("/api/trpc/account.me");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { result: { data: { json: { activeTenant: { slug: string } } } } }).result.data.json.activeTenant.slug;
}

async function switchTo(page: Page, tenantName: string) {
  await page.getByTestId("tenant-switcher").click();
  await page.getByRole("menuitem", { name: tenantName }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText(tenantName);
}

test("an owner creates a second tenant and switches between the two; the active tenant shows on every page", async ({ page }) => {
  await signUp(page, { organization: "Switchboard Co" });
  await expect(page.getByTestId("tenant-name")).toHaveText("Switchboard Co");

  await page.getByTestId("tenant-switcher").click();
  await page.getByRole("menuitem", { name: "Create tenant" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("Switchboard Staging");
  await page.getByRole("dialog").getByRole("button", { name: "Create tenant" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText("Switchboard Staging");
  await expect(page).toHaveURL(/\/dashboard$/);

  // an endpoint in the second tenant only
  await page.goto("/endpoints/new");
  await page.getByLabel("Endpoint URL").fill("https://staging.example/hook");
  await page.getByLabel("Description").fill("staging only");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page).toHaveURL(/\/endpoints\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("tenant-name")).toHaveText("Switchboard Staging");

  await page.getByTestId("tenant-switcher").click();
  await expect(page.getByRole("menuitem", { name: /Switchboard Co/ })).toBeVisible();
  await screenshot(page, "tenant-switcher");
  await page.getByRole("menuitem", { name: /Switchboard Co/ }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText("Switchboard Co");
  await page.goto("/endpoints");
  await expect(page.getByTestId("tenant-name")).toHaveText("Switchboard Co");
  await expect(page.getByText("staging only")).toHaveCount(0);

  await switchTo(page, "Switchboard Staging");
  await page.goto("/endpoints");
  await expect(page.getByText("staging only")).toBeVisible();
  await page.goto("/members");
  await expect(page.getByTestId("tenant-name")).toHaveText("Switchboard Staging");
});

test.describe("a viewer", () => {
  // the viewer joins through `npm run member` over the admin channel of the embedded install under test
  test.skip(!!process.env.E2E_DATABASE_URL, "the admin channel serves embedded installs only");

  test("sees no control that changes something, and its direct tRPC mutations are refused with 403", async ({ page, browser }) => {
    await signUp(page, { name: "Olive Owner", organization: "Viewed Co" });
    const slug = await activeTenantSlug(page);
    const created = await page.request.post("/api/trpc/endpoints.create", { data: { json: { url: "https://viewed.example/hook", description: "watched" } } });
    expect(created.status(), await created.text()).toBe(200);
    const endpointId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;

    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    const viewer = await signUp(viewerPage, { name: "Vera Viewer", organization: "Vera's Own" });
    const env = { ...process.env, HOOKLINE_DATA_DIR: path.resolve(".data/e2e"), DATABASE_URL: "" };
    const { stdout } = await run("npm", ["run", "--silent", "member", "--", "--tenant", slug, "--email", viewer.email, "--role", "viewer"], { env });
    expect(stdout).toBe(`${viewer.email} is now a viewer of Viewed Co (${slug})\n`);

    await viewerPage.reload();
    await switchTo(viewerPage, "Viewed Co");
    await viewerPage.goto("/endpoints");
    await expect(viewerPage.getByText("watched")).toBeVisible();
    await expect(viewerPage.getByRole("link", { name: /New endpoint/ })).toHaveCount(0);
    await expect(viewerPage.getByRole("link", { name: "API keys" })).toHaveCount(0);
    await viewerPage.goto(`/endpoints/${endpointId}`);
    await expect(viewerPage.getByTestId("secret-hidden")).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: /Rotate secret|Send test event|Reveal/ })).toHaveCount(0);
    await expect(viewerPage.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await viewerPage.goto("/members");
    await expect(viewerPage.getByTestId("member-row")).toHaveCount(2);
    await expect(viewerPage.getByRole("button", { name: "Remove" })).toHaveCount(0);
    await expect(viewerPage.getByRole("combobox")).toHaveCount(0);

    // straight at the API, past the hidden controls: every change refused with 403, the secret too
    for (const [procedure, input] of [
      ["endpoints.create", { url: "https://viewer.example/hook" }],
      ["endpoints.delete", { id: endpointId }],
      ["members.changeRole", { user_id: "00000000-0000-4000-8000-000000000000", role: "owner" }],
    ] as const) {
      const refused = await viewerPage.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
      expect(refused.status(), procedure).toBe(403);
    }
    const secret = await viewerPage.request.get(`/api/trpc/endpoints.secret?input=${encodeURIComponent(JSON.stringify({ json: { id: endpointId } }))}`);
    expect(secret.status()).toBe(403);
    await expect(page.request.get("/api/trpc/endpoints.list").then((r) => r.text())).resolves.toContain(endpointId);

    // the owner's members page: the viewer's row with its role control
    await page.goto("/members");
    await expect(page.getByTestId("member-row")).toHaveCount(2);
    await expect(page.getByRole("combobox", { name: `Role of ${viewer.email}` })).toHaveValue("viewer");
    await screenshot(page, "members-page");
    // made a developer, the same person sees the secret and its controls on their next page
    await page.getByRole("combobox", { name: `Role of ${viewer.email}` }).selectOption("developer");
    await expect(page.getByRole("combobox", { name: `Role of ${viewer.email}` })).toHaveValue("developer");
    await viewerPage.goto(`/endpoints/${endpointId}`);
    await expect(viewerPage.getByRole("button", { name: /Rotate secret/ })).toBeVisible();
    await viewerContext.close();
  });
});

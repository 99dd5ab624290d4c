import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Frame, type Page } from "@playwright/test";
import { EMBEDDING_ORIGIN } from "../../playwright.config";
import { screenshot } from "../support";

// The product team's side of issue 10: its backend makes a tenant and a portal link with a platform key,
// and its own dashboard — a page on another origin — shows the tenant portal in an iframe.

/** The demo platform key that `npm start` prints, kept in the e2e data directory (playwright.config.ts). */
function demoPlatformKey(): string {
  return fs.readFileSync(path.resolve(".data/e2e/demo-platform-key"), "utf8").trim();
}

async function platformCall<T>(request: APIRequestContext, method: "GET" | "POST" | "PUT", url: string, { data, tenant }: { data?: unknown; tenant?: string } = {}): Promise<T> {
  const response = await request.fetch(url, {
    method,
    headers: { Authorization: `Bearer ${demoPlatformKey()}`, ...(tenant && { "Hookline-Tenant": tenant }) },
    ...(data !== undefined && { data }),
  });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A customer of the product, as its backend creates one when the customer signs up. */
async function createTenant(request: APIRequestContext, name: string) {
  return platformCall<{ id: string; name: string }>(request, "POST", "/api/v2/tenants", {
    data: { name, external_id: `cus_${randomBytes(4).toString("hex")}` },
  });
}

async function mintLink(request: APIRequestContext, tenantId: string, capability: "full" | "read") {
  const { url } = await platformCall<{ url: string }>(request, "POST", `/api/v2/tenants/${tenantId}/portal-links`, { data: { capability } });
  return url;
}

let embedding: http.Server;

test.beforeAll(async () => {
  // the product's dashboard: whatever page it is asked for, framed around the portal URL it is given
  embedding = http.createServer((request, response) => {
    const src = new URL(request.url ?? "/", EMBEDDING_ORIGIN).searchParams.get("portal") ?? "about:blank";
    const escaped = src.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html><head><title>Acme dashboard</title></head>
<body style="margin:0;height:100vh;display:flex;flex-direction:column;font-family:system-ui">
<header style="padding:12px 20px;background:#1e1b4b;color:#fff;font-weight:600">Acme dashboard · Webhooks</header>
<iframe id="portal" title="Webhooks portal" src="${escaped}" style="flex:1;width:100%;border:0"></iframe>
</body></html>`);
  });
  const port = Number(new URL(EMBEDDING_ORIGIN).port);
  await new Promise<void>((resolve) => embedding.listen(port, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => embedding?.close(resolve));
});

/** Opens the product's page with the portal URL in its iframe; returns the frame, once the portal shows in it. */
async function embed(page: Page, portalUrl: string): Promise<Frame> {
  await page.goto(`${EMBEDDING_ORIGIN}/?portal=${encodeURIComponent(portalUrl)}`);
  const element = await page.locator("iframe#portal").elementHandle();
  const frame = (await element!.contentFrame())!;
  await frame.waitForLoadState();
  return frame;
}

test("inside another site's iframe, a full link's tenant wires an endpoint to the inspector and a test event arrives signed", async ({ page, request, baseURL }) => {
  test.setTimeout(150_000);
  const tenant = await createTenant(request, `Embedded Full ${randomBytes(2).toString("hex")}`);
  const link = await mintLink(request, tenant.id, "full");
  expect(link).toMatch(new RegExp(`^${baseURL}/portal/hlp_`));

  const portal = await embed(page, link);
  await expect(portal.getByTestId("tenant-name")).toHaveText(tenant.name);
  expect(portal.url()).toBe(`${baseURL}/endpoints`);
  // the embedded layout: the tenant's pages under a tab bar, nothing of a Hookline account
  const tabs = portal.getByRole("navigation", { name: "Portal" });
  for (const tab of ["Endpoints", "Messages", "Event catalog", "Inspector", "Primary webhook", "Activity"]) {
    await expect(tabs.getByRole("link", { name: tab })).toBeVisible();
  }
  for (const absent of ["Dashboard", "API keys", "API reference", "Operator console"]) {
    await expect(portal.getByRole("link", { name: absent })).toHaveCount(0);
  }
  await expect(portal.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expect(portal.getByRole("button", { name: /mode$/ })).toHaveCount(0);
  await expect(portal.getByText("Read-only")).toHaveCount(0);

  // a capture URL, made in the embedded inspector
  await tabs.getByRole("link", { name: "Inspector" }).click();
  await portal.getByRole("button", { name: "Create a capture URL" }).click();
  await portal.getByRole("dialog").getByLabel("Name").fill("Embedded demo");
  await portal.getByRole("dialog").getByRole("button", { name: "Create" }).click();
  const captureUrl = (await portal.getByTestId("capture-url").textContent())!;
  expect(captureUrl).toContain("/api/inspect/in_");

  // an endpoint at it, and a test event that arrives
  await tabs.getByRole("link", { name: "Endpoints" }).click();
  await portal.getByRole("link", { name: "Create your first endpoint" }).click();
  await portal.getByLabel("Endpoint URL").fill(captureUrl);
  await portal.getByLabel("Description").fill("Embedded receiver");
  await portal.getByRole("button", { name: "Create endpoint" }).click();
  await expect(portal.getByTestId("endpoint-url")).toHaveText(captureUrl);
  await portal.getByRole("button", { name: "Send test event" }).click();
  const dialog = portal.getByRole("dialog");
  await dialog.getByLabel("Event type").selectOption("profile_create");
  await dialog.getByRole("button", { name: "Send test event" }).click();
  const delivered = dialog.getByTestId("test-event-result").getByTestId("delivery-row");
  await expect(delivered).toHaveAttribute("data-status", "succeeded", { timeout: 45_000 });
  await dialog.getByRole("button", { name: "Done" }).click();

  // signed: the inspector checks the signature with the endpoint's secret
  await tabs.getByRole("link", { name: "Inspector" }).click();
  await expect(portal.getByTestId("inspector-request").first()).toContainText("profile_create");
  await expect(portal.getByTestId("signature-verdict")).toContainText("Signature verified");
  await expect(portal.getByRole("table", { name: "Request headers" })).toContainText("webhook-signature");
  await screenshot(page, "embedded-portal");

  // the changes are the portal link's, in the tenant's activity log
  await tabs.getByRole("link", { name: "Activity" }).click();
  await expect(portal.getByText(/portal link from/).first()).toBeVisible();
});

test("a read-only link shows the same pages with no control that changes anything and no secret, and its mutations are refused", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const tenant = await createTenant(request, `Embedded Read ${randomBytes(2).toString("hex")}`);
  // the product's backend sets the tenant up, acting for it with the platform key
  const endpoint = await platformCall<{ id: string }>(request, "POST", "/api/v2/webhook_endpoint", {
    tenant: tenant.id,
    data: { url: "http://127.0.0.1:9/", enabled_events: ["*"], retry_count: 0, description: "Closed port" },
  });
  await platformCall(request, "POST", `/api/v2/webhook_endpoint/${endpoint.id}/test?event=profile_create`, { tenant: tenant.id });
  await platformCall(request, "PUT", "/api/v2/webhook", { tenant: tenant.id, data: { url: "https://example.com/hook", signature_enabled: true, profile_create: true } });

  const portal = await embed(page, await mintLink(request, tenant.id, "read"));
  await expect(portal.getByTestId("tenant-name")).toHaveText(tenant.name);
  await expect(portal.getByText("Read-only")).toBeVisible();
  const tabs = portal.getByRole("navigation", { name: "Portal" });

  // endpoints (the primary webhook among them): listed, with nothing to create or delete
  await expect(portal.getByTestId("endpoint-row")).toHaveCount(2);
  await expect(portal.getByRole("link", { name: "New endpoint" })).toHaveCount(0);
  await expect(portal.getByRole("button", { name: /^Delete/ })).toHaveCount(0);

  // the endpoint: its deliveries can be read, its secret not (a viewer); nothing can be sent, edited, rotated or retried
  await portal.getByRole("link", { name: "http://127.0.0.1:9/" }).click();
  await expect(portal.getByTestId("delivery-row").first()).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  for (const control of ["Send test event", "Delete", "Rotate secret", "Recover failed since…", "Retry"]) {
    await expect(portal.getByRole("button", { name: control })).toHaveCount(0);
  }
  await expect(portal.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(portal.getByTestId("secret-hidden")).toBeVisible();
  await expect(portal.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await screenshot(page, "embedded-portal-read-only");

  await tabs.getByRole("link", { name: "Messages" }).click();
  await expect(portal.getByTestId("delivery-row").first()).toHaveAttribute("data-status", "failed");
  await expect(portal.getByRole("button", { name: "Retry" })).toHaveCount(0);

  await tabs.getByRole("link", { name: "Inspector" }).click();
  await expect(portal.getByText("This tenant has no capture URL to watch.")).toBeVisible();
  await expect(portal.getByRole("button", { name: /capture URL/ })).toHaveCount(0);

  await tabs.getByRole("link", { name: "Primary webhook" }).click();
  await expect(portal.getByLabel("Webhook URL")).toBeDisabled();
  await expect(portal.getByRole("button", { name: /Save changes|Create primary webhook|Rotate token|All on/ })).toHaveCount(0);

  await tabs.getByRole("link", { name: "Event catalog" }).click();
  await expect(portal.getByTestId("event-type").first()).toBeVisible();

  // the pages a read session has no use for send it back
  await portal.goto(`${baseURL}/endpoints/new`);
  expect(portal.url()).toBe(`${baseURL}/endpoints`);
  await portal.goto(`${baseURL}/api-keys`);
  expect(portal.url()).toBe(`${baseURL}/endpoints`);

  // and the server refuses what the page no longer offers: a mutation straight from the frame is a 403
  const refused = await portal.evaluate(async () => {
    const response = await fetch("/api/trpc/endpoints.create?batch=1", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ 0: { json: { url: "https://attacker.example/hook" } } }),
    });
    return { status: response.status, body: await response.text() };
  });
  expect(refused.status).toBe(403);
  expect(refused.body).toContain("This portal session may not create, edit and delete endpoints");
  const endpoints = await platformCall<{ data: unknown[] }>(request, "GET", "/api/v2/webhook_endpoint", { tenant: tenant.id });
  expect(endpoints.data).toHaveLength(2);
});

test("a link opens once: reused it shows the 410 page, tampered the 401 page, in the frame too", async ({ page, request }) => {
  const tenant = await createTenant(request, `Embedded Once ${randomBytes(2).toString("hex")}`);
  const link = await mintLink(request, tenant.id, "full");
  await expect((await embed(page, link)).getByTestId("tenant-name")).toHaveText(tenant.name);

  const reused = await embed(page, link);
  await expect(reused.getByRole("heading", { name: "This portal link was already used" })).toBeVisible();
  await expect(reused.getByText("ask its team for a new link")).toBeVisible();
  expect((await request.get(link, { maxRedirects: 0 })).status()).toBe(410);

  const tampered = `${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`;
  const forged = await embed(page, tampered);
  await expect(forged.getByRole("heading", { name: "This portal link is not valid" })).toBeVisible();
  expect((await request.get(tampered, { maxRedirects: 0 })).status()).toBe(401);
});

test("pages may be framed by the configured origin only; the API sends no frame policy", async ({ page, request, baseURL }) => {
  const pageHeaders = (await request.get("/signin")).headers();
  expect(pageHeaders["content-security-policy"]).toContain(`frame-ancestors 'self' ${EMBEDDING_ORIGIN}`);
  expect((await request.get("/api/health")).headers()["content-security-policy"]).toBeUndefined();

  // the same page on an origin the install does not name: the browser refuses to show Hookline in it
  const stranger = EMBEDDING_ORIGIN.replace("127.0.0.1", "localhost");
  await page.goto(`${stranger}/?portal=${encodeURIComponent(`${baseURL}/portal/ended`)}`);
  // the top page's load waited for the frame, refused or not
  const frame = (await (await page.locator("iframe#portal").elementHandle())!.contentFrame())!;
  await expect(frame.getByText("Your portal session has ended")).toHaveCount(0);
  // while the named origin sees it
  await expect((await embed(page, `${baseURL}/portal/ended`)).getByText("Your portal session has ended")).toBeVisible();
});

test("a browser whose portal session ran out is told so, not sent to a sign-in it has no account for", async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: "hookline-portal", value: `hls_${"A".repeat(43)}`, url: baseURL! }]);
  const response = await page.goto("/endpoints");
  expect(page.url()).toBe(`${baseURL}/portal/ended`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole("heading", { name: "Your portal session has ended" })).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { curl, demoApiKey, json, newTenantKey } from "./api-helpers";

// What holds for every route: the demo key printed at start works, errors are one JSON shape, tenants
// are isolated, publishing is idempotent, and the API describes itself (OpenAPI + reference page).

test("the demo key printed by npm start works", async ({ request }) => {
  const key = demoApiKey();
  expect(key).toMatch(/^hk_live_/);
  const endpoints = await json<{ data: { description: string }[] }>(await curl(request, { path: "/api/v2/webhook_endpoint", token: key }), 200);
  expect(endpoints.data.length).toBeGreaterThan(0);
});

test("missing and wrong keys are 401 JSON; unknown routes and ids are 404 JSON", async ({ request }) => {
  const missing = await json<{ error: { code: string } }>(await curl(request, { path: "/api/v2/events" }), 401);
  expect(missing.error.code).toBe("UNAUTHORIZED");
  const wrong = await json<{ error: { message: string } }>(await curl(request, { path: "/api/v2/events", token: "hk_live_nope" }), 401);
  expect(wrong.error.message).toBe("Invalid API key");
  const token = demoApiKey();
  expect((await json<{ error: { code: string } }>(await curl(request, { path: "/api/v2/nothing/here", token }), 404)).error.code).toBe("NOT_FOUND");
  expect((await json<{ error: { code: string } }>(await curl(request, { path: "/api/v2/webhook_endpoint/not-an-id", token }), 404)).error.code).toBe("NOT_FOUND");
});

test("a method a route does not serve is a 405 JSON error naming the methods it does, with Allow", async ({ request }) => {
  const token = demoApiKey();
  const cases = [
    { method: "DELETE" as const, path: "/api/v2/events", allow: "GET, HEAD, OPTIONS" },
    { method: "GET" as const, path: "/api/v2/messages", allow: "POST, OPTIONS" },
    { method: "PATCH" as const, path: "/api/v2/webhook_endpoint", allow: "GET, POST, HEAD, OPTIONS" },
  ];
  for (const { method, path, allow } of cases) {
    const response = await curl(request, { method, path, token });
    const body = await json<{ error: { code: string; message: string } }>(response, 405);
    expect(body.error.code).toBe("METHOD_NOT_ALLOWED");
    expect(body.error.message).toContain(allow);
    expect(response.headers()["allow"]).toBe(allow);
  }
});

test("TRACE, which Next.js cannot route, is the same JSON 405 on the running app; OPTIONS says what is allowed", async ({ request }) => {
  const trace = await request.fetch("/api/v2/webhook_endpoint", { method: "TRACE" });
  expect(trace.status()).toBe(405);
  expect(trace.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");
  expect((await trace.json()).error.code).toBe("METHOD_NOT_ALLOWED");
  const options = await request.fetch("/api/v2/events", { method: "OPTIONS" });
  expect(options.status()).toBe(204);
  expect(options.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
});

test("bad bodies: malformed JSON 400, validation 422 with the field, oversize 413", async ({ request }) => {
  const token = demoApiKey();
  const malformed = await curl(request, { method: "POST", path: "/api/v2/webhook_endpoint", token, data: '{"url": ' });
  expect((await json<{ error: { code: string } }>(malformed, 400)).error.code).toBe("BAD_REQUEST");
  const invalid = await curl(request, { method: "POST", path: "/api/v2/webhook_endpoint", token, data: '{"url": "https://example.com", "enabled_events": ["no_such_event"]}' });
  const issues = (await json<{ error: { details: { issues: { path: string }[] } } }>(invalid, 422)).error.details.issues;
  expect(issues.map((issue) => issue.path)).toContain("enabled_events.0");
  const oversize = await curl(request, { method: "POST", path: "/api/v2/messages", token, data: JSON.stringify({ event_type: "user.created", payload: { pad: "x".repeat(1_100_000) } }) });
  expect((await json<{ error: { code: string } }>(oversize, 413)).error.code).toBe("PAYLOAD_TOO_LARGE");
});

test("tenant A's key cannot read, change, rotate, test or retry tenant B's endpoint", async ({ request, playwright, baseURL }) => {
  const tenantB = await newTenantKey(request);
  const otherContext = await playwright.request.newContext({ baseURL });
  const tenantA = await newTenantKey(otherContext);
  await otherContext.dispose();
  const created = await json<{ id: string }>(
    await curl(request, { method: "POST", path: "/api/v2/webhook_endpoint", token: tenantB, data: '{"url": "https://b.example/hook"}' }),
    201,
  );
  const attempts = [
    { path: `/api/v2/webhook_endpoint/${created.id}` },
    { method: "PUT" as const, path: `/api/v2/webhook_endpoint/${created.id}`, data: '{"url": "https://a.example/stolen"}' },
    { method: "DELETE" as const, path: `/api/v2/webhook_endpoint/${created.id}` },
    { path: `/api/v2/webhook_endpoint/${created.id}/secret` },
    { method: "PATCH" as const, path: `/api/v2/webhook_endpoint/${created.id}/secret` },
    { path: `/api/v2/webhook_endpoint/${created.id}/logs` },
    { method: "POST" as const, path: `/api/v2/webhook_endpoint/${created.id}/test?event=profile_create` },
  ];
  for (const attempt of attempts) {
    const response = await curl(request, { ...attempt, token: tenantA });
    expect(response.status(), `${attempt.method ?? "GET"} ${attempt.path}`).toBe(404);
  }
  const still = await json<{ url: string }>(await curl(request, { path: `/api/v2/webhook_endpoint/${created.id}`, token: tenantB }), 200);
  expect(still.url).toBe("https://b.example/hook");
});

test("publishing: 202 with deliveries; a repeated Idempotency-Key returns the first message", async ({ request }) => {
  const token = await newTenantKey(request);
  const body = JSON.stringify({
    event_type: "RiskAssessmentCalculated",
    payload: { RiskAssessmentId: "12345", SubmissionId: "67890", Risk: "Low", ClientRating: "Retail" },
  });
  const headers = { "Content-Type": "application/json", "Idempotency-Key": `risk-${Date.now()}` };
  const first = await json<{ id: string; deliveries: unknown[] }>(await curl(request, { method: "POST", path: "/api/v2/messages", token, headers, data: body }), 202);
  const repeat = await curl(request, { method: "POST", path: "/api/v2/messages", token, headers, data: body });
  expect((await json<{ id: string }>(repeat, 202)).id).toBe(first.id);
  expect(repeat.headers()["idempotent-replayed"]).toBe("true");
  const read = await json<{ id: string; event_type: string }>(await curl(request, { path: `/api/v2/messages/${first.id}`, token }), 200);
  expect(read).toMatchObject({ id: first.id, event_type: "RiskAssessmentCalculated" });
});

test("the OpenAPI document is served and the reference page renders it without leaving the app", async ({ request, page }) => {
  const document = await json<{ openapi: string; paths: Record<string, unknown> }>(await request.get("/api/v2/openapi.json"), 200);
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/v2/webhook_endpoint/{id}/secret");

  const html = await (await request.get("/docs/api")).text();
  expect(html).toContain("/docs/api/standalone.js?v=");
  expect(html).not.toMatch(/https?:\/\/(cdn|fonts)\./);
  const script = await request.get(html.match(/src="([^"]*standalone\.js[^"]*)"/)![1]!);
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toMatch(/javascript/);

  // every request the rendered page makes stays on this origin
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol.startsWith("http")) outside.push(r.url());
  });
  await page.goto("/docs/api");
  await expect(page.getByText("Create an endpoint").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Hookline API").first()).toBeVisible();
  expect(outside).toEqual([]);
});

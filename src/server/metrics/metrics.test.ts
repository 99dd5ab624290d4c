import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as metricsRoute from "@/app/api/metrics/route";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import { startDeliveryPipeline, waitForDelivery } from "@/test/delivery-harness";
import { requireEventType } from "@/server/catalog";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { configureApiRateLimit, DEFAULT_API_RATE_LIMIT } from "@/server/rest/rate-limit";
import { api, apiKeyFor, platformKeyFor } from "@/server/rest/rest-test-support";
import { routeTemplate } from "./api-metrics";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
// the REST handlers and the database-backed gauges reach the database through getDb(): this file's test database
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

const TOKEN = "metrics-token-0123456789abcdef";
const g = globalThis as unknown as { __hooklineEnv?: unknown };

let database: TestDatabase;
let pipeline: Awaited<ReturnType<typeof startDeliveryPipeline>>;
const db = () => database.prisma;

/** The environment is read once per process: a test changing a variable makes the next read see it. */
function setMetricsToken(token: string | undefined) {
  if (token === undefined) delete process.env.HOOKLINE_METRICS_TOKEN;
  else process.env.HOOKLINE_METRICS_TOKEN = token;
  delete g.__hooklineEnv;
}

beforeAll(async () => {
  database = await createTestDatabase();
  current.db = database.prisma;
  pipeline = await startDeliveryPipeline(database.prisma);
});
afterAll(async () => {
  setMetricsToken(undefined);
  await pipeline?.stop();
  await database?.close();
});

async function getMetrics(authorization?: string) {
  const request = new Request("http://hookline.test/api/metrics", { headers: authorization ? { authorization } : {} });
  const response = await metricsRoute.GET(request, { params: Promise.resolve({}) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The samples of a Prometheus text exposition (comments skipped). */
function parseExposition(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, name, value]) => [name!, value!]));
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

async function scrape(): Promise<Sample[]> {
  setMetricsToken(TOKEN);
  const response = await getMetrics(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  return parseExposition(response.text);
}

/** The value of the sample with exactly these labels (among others it may have), 0 when absent. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
  return found.reduce((sum, s) => sum + s.value, 0);
}

describe("GET /api/metrics", () => {
  afterEach(() => setMetricsToken(undefined));

  it("does not exist while HOOKLINE_METRICS_TOKEN is unset", async () => {
    setMetricsToken(undefined);
    const response = await getMetrics(`Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("refuses a scrape without the token or with another one", async () => {
    setMetricsToken(TOKEN);
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, TOKEN]) {
      const response = await getMetrics(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(response.text).not.toContain("hookline_");
    }
  });

  it("serves the metrics in Prometheus's text format with the token", async () => {
    setMetricsToken(TOKEN);
    const response = await getMetrics(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      "hookline_messages_published_total",
      "hookline_deliveries_created_total",
      "hookline_deliveries_completed_total",
      "hookline_delivery_attempts_total",
      "hookline_delivery_attempt_duration_seconds",
      "hookline_delivery_first_attempt_latency_seconds",
      "hookline_api_requests_total",
      "hookline_api_rate_limited_total",
      "hookline_deliveries_backlog",
      "hookline_endpoints_disabled",
      "hookline_executor_queue_items",
      "hookline_executor_oldest_due_item_age_seconds",
      // Node's own, from prom-client's default collectors
      "process_cpu_seconds_total",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(response.text, name).toContain(`# TYPE ${name} `);
    }
  });

  it("answers other methods like every API route", async () => {
    const options = metricsRoute.OPTIONS(new Request("http://hookline.test/api/metrics", { method: "OPTIONS" }));
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, HEAD, OPTIONS"]);
    const post = metricsRoute.POST(new Request("http://hookline.test/api/metrics", { method: "POST" }));
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET, HEAD, OPTIONS"]);
  });
});

describe("what the metrics count", () => {
  let healthy: Receiver;
  let failing: Receiver;
  afterAll(async () => {
    await Promise.all([healthy?.close(), failing?.close()]);
  });

  it("counts publishes, deliveries and attempts exactly as they happened, and the backlog from the database", async () => {
    const { tenantId } = await createTestTenant(db());
    const key = await apiKeyFor(db(), tenantId);
    healthy = await startReceiver();
    failing = await startReceiver([{ status: 500 }]);
    await createEndpoint({ db: db(), tenantId, input: { url: healthy.url, enabled_events: ["*"] } });
    // one retry after a second, then the delivery gives up: two 5xx attempts each
    await createEndpoint({ db: db(), tenantId, input: { url: failing.url, enabled_events: ["ProfileStatusUpdated"], retry_count: 1, retry_interval: 1 } });
    const disabled = await createEndpoint({ db: db(), tenantId, input: { url: healthy.url, enabled_events: ["session.submitted"] } });
    await db().endpoint.update({ where: { id: disabled.id }, data: { isActive: false, disabledAt: new Date(), disabledReason: "Disabled automatically: test" } });
    const before = await scrape();

    const risk = { RiskAssessmentId: "1", SubmissionId: "2", Risk: "Low", ClientRating: "Retail" };
    const profile = requireEventType("ProfileStatusUpdated").example as object;
    const published = [
      ...Array.from({ length: 12 }, () => ({ event_type: "RiskAssessmentCalculated", payload: risk })),
      ...Array.from({ length: 3 }, () => ({ event_type: "ProfileStatusUpdated", payload: profile })),
    ];
    const deliveryIds: string[] = [];
    for (const body of published) {
      const response = await api("POST /api/v2/messages", { key, body });
      expect(response.status).toBe(202);
      deliveryIds.push(...(response.body as { deliveries: { id: string }[] }).deliveries.map((d) => d.id));
    }
    expect(deliveryIds).toHaveLength(12 + 3 * 2);
    const deliveries = await Promise.all(deliveryIds.map((id) => waitForDelivery(db(), id)));
    expect(deliveries.filter((d) => d.status === "succeeded")).toHaveLength(15);
    expect(deliveries.filter((d) => d.status === "failed")).toHaveLength(3);
    expect(healthy.received).toHaveLength(15);
    expect(failing.received).toHaveLength(6);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta("hookline_messages_published_total", { event_type: "RiskAssessmentCalculated" })).toBe(12);
    expect(delta("hookline_messages_published_total", { event_type: "ProfileStatusUpdated" })).toBe(3);
    expect(delta("hookline_deliveries_created_total", { event_type: "RiskAssessmentCalculated" })).toBe(12);
    expect(delta("hookline_deliveries_created_total", { event_type: "ProfileStatusUpdated" })).toBe(6);
    expect(delta("hookline_deliveries_completed_total", { event_type: "RiskAssessmentCalculated", outcome: "succeeded" })).toBe(12);
    expect(delta("hookline_deliveries_completed_total", { event_type: "ProfileStatusUpdated", outcome: "succeeded" })).toBe(3);
    expect(delta("hookline_deliveries_completed_total", { event_type: "ProfileStatusUpdated", outcome: "failed" })).toBe(3);
    expect(delta("hookline_deliveries_completed_total", { outcome: "cancelled" })).toBe(0);
    expect(delta("hookline_delivery_attempts_total", { status_class: "2xx", error_class: "none" })).toBe(15);
    expect(delta("hookline_delivery_attempts_total", { status_class: "5xx", error_class: "non_2xx" })).toBe(6);
    expect(delta("hookline_delivery_attempts_total")).toBe(21);
    expect(delta("hookline_delivery_attempt_duration_seconds_count", { status_class: "2xx" })).toBe(15);
    expect(delta("hookline_delivery_attempt_duration_seconds_count", { status_class: "5xx" })).toBe(6);
    // one first attempt per delivery
    expect(delta("hookline_delivery_first_attempt_latency_seconds_count")).toBe(18);
    expect(delta("hookline_api_requests_total", { method: "POST", route: "/api/v2/messages", status: "202" })).toBe(15);

    // read from the database: nothing left to do, and the one endpoint Hookline disabled
    for (const state of ["pending", "delivering", "waiting_to_retry"]) expect(valueOf(after, "hookline_deliveries_backlog", { state }), state).toBe(0);
    expect(valueOf(after, "hookline_endpoints_disabled")).toBe(1);
    expect(valueOf(after, "hookline_executor_oldest_due_item_age_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("shows a retry waiting in the backlog while it waits", async () => {
    const { tenantId } = await createTestTenant(db());
    const receiver = await startReceiver([{ status: 503 }, { status: 200 }]);
    await createEndpoint({ db: db(), tenantId, input: { url: receiver.url, enabled_events: ["*"], retry_count: 1, retry_interval: 30 } });
    const key = await apiKeyFor(db(), tenantId);
    const response = await api("POST /api/v2/messages", { key, body: { event_type: "user.created", payload: requireEventType("user.created").example } });
    const [deliveryId] = (response.body as { deliveries: { id: string }[] }).deliveries.map((d) => d.id);
    await waitForDelivery(db(), deliveryId!, { statuses: ["delivering"] });
    expect(valueOf(await scrape(), "hookline_deliveries_backlog", { state: "waiting_to_retry" })).toBe(1);
    await receiver.close();
  });

  it("counts requests refused by the API key's rate limit", async () => {
    const { tenantId } = await createTestTenant(db());
    const key = await apiKeyFor(db(), tenantId);
    const before = await scrape();
    configureApiRateLimit({ points: 2, durationSeconds: 60 });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await api("GET /api/v2/webhook_endpoint", { key })).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      configureApiRateLimit(DEFAULT_API_RATE_LIMIT);
    }
    const after = await scrape();
    expect(valueOf(after, "hookline_api_rate_limited_total", { limit: "api_key" }) - valueOf(before, "hookline_api_rate_limited_total", { limit: "api_key" })).toBe(1);
    const counted = (samples: Sample[], status: string) => valueOf(samples, "hookline_api_requests_total", { method: "GET", route: "/api/v2/webhook_endpoint", status });
    expect(counted(after, "200") - counted(before, "200")).toBe(2);
    expect(counted(after, "429") - counted(before, "429")).toBe(1);
  });

  it("never puts an id, an external id or a raw path in a label", async () => {
    const { tenantId } = await createTestTenant(db());
    const key = await apiKeyFor(db(), tenantId);
    const platformKey = await platformKeyFor(db());
    const endpoint = await createEndpoint({ db: db(), tenantId, input: { url: "https://example.com/hook", enabled_events: ["*"] } });
    const externalId = "cus_label_probe_7f3a";
    expect((await api("POST /api/v2/tenants", { key: platformKey, body: { name: "Label probe", external_id: externalId } })).status).toBe(201);
    expect((await api(`GET /api/v2/webhook_endpoint/${endpoint.id}`, { key })).status).toBe(200);
    expect((await api(`GET /api/v2/webhook_endpoint/${endpoint.id}/secret`, { key })).status).toBe(200);
    expect((await api(`GET /api/v2/webhook_endpoint/${crypto.randomUUID()}`, { key })).status).toBe(404);
    expect((await api(`GET /api/v2/tenants/${externalId}`, { key: platformKey })).status).toBe(200);
    expect((await api(`GET /api/v2/tenants/${externalId}/portal-links`, { key: platformKey })).status).toBe(405);
    expect((await api("GET /notifications/webhooks/not-a-uuid", { key })).status).toBe(404);

    const samples = await scrape();
    const labelValues = samples.flatMap((s) => Object.values(s.labels));
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    expect(labelValues.filter((value) => uuid.test(value))).toEqual([]);
    expect(labelValues.filter((value) => value.includes(externalId) || value.includes("not-a-uuid") || value.includes(tenantId))).toEqual([]);
    const routes = new Set(samples.filter((s) => s.name === "hookline_api_requests_total").map((s) => s.labels.route));
    expect([...routes]).toEqual(
      expect.arrayContaining(["/api/v2/webhook_endpoint/[id]", "/api/v2/webhook_endpoint/[id]/secret", "/api/v2/tenants/[tenant]", "/notifications/webhooks/[webhookId]"]),
    );
    // every label value is one of few known in advance: short, no path of a caller's making
    for (const value of labelValues) expect(value.length, value).toBeLessThanOrEqual(80);
  });
});

describe("route templates", () => {
  it.each([
    ["/api/v2/webhook_endpoint/0b6c1c2e-8e4f-4c55-9d0b-1f1f4b0c9a11/secret", { id: "0b6c1c2e-8e4f-4c55-9d0b-1f1f4b0c9a11" }, "/api/v2/webhook_endpoint/[id]/secret"],
    ["/api/v2/tenants/tenants/portal-links", { tenant: "tenants" }, "/api/v2/tenants/[tenant]/portal-links"],
    ["/api/v2/tenants/cus%20one", { tenant: "cus one" }, "/api/v2/tenants/[tenant]"],
    ["/notifications/webhooks/a/messages/a", { webhookId: "a", messageId: "a" }, "/notifications/webhooks/[webhookId]/messages/[messageId]"],
    ["/api/v2/messages", {}, "/api/v2/messages"],
    // a param found nowhere in the path: never the raw path
    ["/api/v2/tenants/cus_x", { tenant: "other" }, "unresolved"],
  ])("%s → %s", (pathname, params, expected) => {
    expect(routeTemplate(pathname, params)).toBe(expected);
  });
});

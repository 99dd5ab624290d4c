/**
 * Security of the delivery path, on the real pipeline (executor + Hookline's functions over HTTP):
 * - SSRF with private networks disallowed (HOOKLINE_ALLOW_PRIVATE_NETWORKS=false): private, loopback,
 *   link-local and metadata addresses in every spelling, names resolving to them, and redirects, are
 *   refused before a byte leaves — a receiver listening on 127.0.0.1 proves nothing arrived;
 * - secrets (signing secrets, receiver credentials, API keys) in no log line, no stored attempt or executor
 *   record, no delivery shown to the tenant;
 * - revoked API keys and secrets past their rotation window no longer work.
 */
import { randomUUID } from "node:crypto";
import { lookup } from "node:dns/promises";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import { waitForDelivery } from "@/test/delivery-harness";
import { startExecutorWithApp } from "@/executor/test/harness";
import { requireEventType } from "@/server/catalog";
import { blockedAddressReason } from "@/server/deliveries/ssrf-guard";
import { deliveryRuntime } from "@/server/deliveries/delivery-runtime";
import { getInngest } from "@/server/inngest/client";
import { executorLogger } from "@/server/inngest/start-embedded-delivery";
import { log } from "@/server/logging/logger";
import { createHooklineFunctions } from "@/server/inngest/functions";
import { publishMessage } from "@/server/messages/publish-message";
import { configureInvalidApiKeyLimit } from "@/server/rest/invalid-api-key-limit";
import { configureApiRateLimit } from "@/server/rest/rate-limit";
import { api, apiKeyFor, routes } from "@/server/rest/rest-test-support";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
// the REST handlers reach the database through getDb(): point it at this file's test database
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let pipeline: Awaited<ReturnType<typeof startExecutorWithApp>>;
const db = () => database.prisma;
/** what the deliver function reads per call: flipped by the tests that need private networks */
let allowPrivateNetworks = false;

/** every line written through console or to stdout/stderr while this file runs */
const logged: string[] = [];

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(args.map((arg) => (arg instanceof Error ? `${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
      original(...args);
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
  database = await createTestDatabase();
  current.db = database.prisma;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  // the production logger, so the executor's own log lines are checked too
  pipeline = await startExecutorWithApp({ prisma: database.prisma, pollIntervalMs: 50, backoff: () => 200, logger: executorLogger }, () => {
    const inngest = getInngest();
    return {
      inngest,
      functions: createHooklineFunctions(inngest, {
        getDb: async () => database.prisma,
        runtime: () => ({ ...deliveryRuntime(), allowPrivateNetworks }),
      }),
    };
  });
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
  await database?.close();
  vi.restoreAllMocks();
});

async function endpointFor(trpc: Awaited<ReturnType<typeof createTestTenant>>["trpc"], input: Parameters<typeof trpc.endpoints.create>[0]) {
  return trpc.endpoints.create({ enabled_events: ["RiskAssessmentCalculated"], retry_count: 0, ...input });
}

const riskPayload = { RiskAssessmentId: "1", SubmissionId: "2", Risk: "Low", ClientRating: "Retail" };

describe("SSRF with private networks disallowed", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it("refuses every spelling of a private, loopback or metadata address, and names resolving to one", async () => {
    allowPrivateNetworks = false;
    const { tenantId, trpc } = await createTestTenant(db());
    const port = new URL(receiver.url).port;
    const targets = [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://LOCALHOST:${port}/hook`,
      `http://0.0.0.0:${port}/hook`,
      `http://127.1:${port}/hook`,
      `http://2130706433:${port}/hook`,
      `http://0x7f.0.0.1:${port}/hook`,
      `http://0177.0.0.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://[::ffff:7f00:1]:${port}/hook`,
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://10.0.0.1/hook",
      "http://172.16.0.1/hook",
      "http://192.168.0.1/hook",
      "http://100.64.0.1/hook",
      "http://[fc00::1]/hook",
      "http://[fe80::1]/hook",
      "https://127.0.0.1/hook",
    ];
    // this machine's own name, when it resolves to a private address (as container hostnames do)
    const own = await lookup(os.hostname()).catch(() => undefined);
    if (own && blockedAddressReason(own.address)) targets.push(`http://${os.hostname()}:${port}/hook`);
    // names a resolver may or may not answer for (the root-anchored form): refused either way
    const mayNotResolve = [`http://localhost.:${port}/hook`];

    for (const url of [...targets, ...mayNotResolve]) await endpointFor(trpc, { url, enabled_events: ["*"] });
    const { message } = await publishMessage({ db: db(), tenantId, input: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
    expect(message.deliveries).toHaveLength(targets.length + mayNotResolve.length);
    const deliveries = await Promise.all(message.deliveries.map((d) => waitForDelivery(db(), d.id)));
    for (const delivery of deliveries) {
      expect(delivery.status, delivery.endpoint.url).toBe("failed");
      expect(delivery.attempts[0]!.responseStatus).toBeNull();
      if (mayNotResolve.includes(delivery.endpoint.url)) {
        expect(["ssrf_blocked", "dns"], delivery.endpoint.url).toContain(delivery.attempts[0]!.errorClass);
        continue;
      }
      expect(delivery.attempts.map((a) => a.errorClass), delivery.endpoint.url).toEqual(["ssrf_blocked"]);
      expect(delivery.attempts[0]!.errorMessage).toMatch(/webhooks are not sent to private networks/);
    }
    expect(receiver.received).toHaveLength(0);
  });

  it("never follows a redirect, whether to a private address or anywhere else", async () => {
    // the redirecting receiver itself is on 127.0.0.1, so this runs with private networks allowed: what is
    // checked is that the redirect is not followed — with them disallowed the first hop is already refused
    allowPrivateNetworks = true;
    const { tenantId, trpc } = await createTestTenant(db());
    const target = await startReceiver();
    const locations = [target.url, "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "file:///etc/passwd", "gopher://127.0.0.1:25/"];
    const redirectors = await Promise.all(
      locations.flatMap((location) => [301, 302, 303, 307, 308].map((status) => startReceiver([{ status, headers: { location } }]))),
    );
    for (const redirector of redirectors) await endpointFor(trpc, { url: redirector.url, enabled_events: ["*"] });
    const { message } = await publishMessage({ db: db(), tenantId, input: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
    const deliveries = await Promise.all(message.deliveries.map((d) => waitForDelivery(db(), d.id)));
    for (const delivery of deliveries) {
      expect(delivery.status).toBe("failed");
      expect(delivery.attempts.map((a) => a.errorClass)).toEqual(["redirect"]);
    }
    expect(target.received).toHaveLength(0);
    await Promise.all([target, ...redirectors].map((r) => r.close()));

    allowPrivateNetworks = false;
    const blocked = await startReceiver([{ status: 302, headers: { location: target.url } }]);
    await endpointFor(trpc, { url: blocked.url, enabled_events: ["ProfileStatusUpdated"] });
    const second = await publishMessage({
      db: db(),
      tenantId,
      input: { event_type: "ProfileStatusUpdated", payload: requireEventType("ProfileStatusUpdated").example as object },
    });
    expect(second.message.deliveries.length).toBeGreaterThan(0);
    for (const d of second.message.deliveries) expect((await waitForDelivery(db(), d.id)).attempts.map((a) => a.errorClass)).toEqual(["ssrf_blocked"]);
    expect(blocked.received).toHaveLength(0);
    await blocked.close();
  });
});

describe("secrets stay secret", () => {
  it("appear in no log line, no stored attempt or executor record, and no delivery shown to the tenant", async () => {
    allowPrivateNetworks = true;
    // every line the logger can write, not only those of the default level
    const level = log.level;
    log.level = "trace";
    const { tenantId, trpc } = await createTestTenant(db());
    const apiKey = await apiKeyFor(db(), tenantId);
    // failing first, so error paths log too; then succeeding
    let calls = 0;
    const receiver = await startReceiver(() => ({ status: ++calls <= 4 ? 500 : 200, body: "nope" }));
    const password = "basic-password-4c1d9e";
    const bearer = "bearer-token-8f2a77";
    const apiKeyHeader = "receiver-api-key-19be0c";
    const endpoints = [
      await endpointFor(trpc, { url: receiver.url, retry_count: 3, retry_interval: 1, auth_type: "Basic", auth_settings: { username: "u", password } }),
      await endpointFor(trpc, { url: receiver.url, retry_count: 3, retry_interval: 1, auth_type: "Bearer", auth_settings: { token: bearer }, signature_scheme: "hmac" }),
      await endpointFor(trpc, { url: receiver.url, retry_count: 3, retry_interval: 1, auth_type: "ApiKey", auth_settings: { apiKey: apiKeyHeader }, signature_scheme: "token" }),
      await endpointFor(trpc, { url: receiver.url, retry_count: 3, retry_interval: 1, signature_scheme: "aw" }),
    ];
    const signingSecrets = await Promise.all(endpoints.map(async (e) => (await trpc.endpoints.secret({ id: e.id })).secret));
    // Basic credentials travel base64-encoded: the header value as sent is what must not show
    const basicCredential = Buffer.from(`u:${password}`).toString("base64");
    const secrets = [password, basicCredential, bearer, apiKeyHeader, apiKey, ...signingSecrets];

    const published = await api("POST /api/v2/messages", { key: apiKey, body: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
    expect(published.status).toBe(202);
    const deliveryIds = (published.body as { deliveries: { id: string }[] }).deliveries.map((d) => d.id);
    const deliveries = await Promise.all(deliveryIds.map((id) => waitForDelivery(db(), id)));
    expect(deliveries.every((d) => d.status === "succeeded")).toBe(true);
    // an error path through the REST layer as well
    expect((await api("POST /api/v2/messages", { key: apiKey, body: "{not json" })).status).toBe(400);

    // what the tenant sees of its deliveries: request headers are shown, secret-bearing ones redacted
    const shown = [
      JSON.stringify(await Promise.all(deliveryIds.map((id) => trpc.deliveries.get({ id })))),
      ...(await Promise.all(endpoints.map(async (e) => (await api(`GET /api/v2/webhook_endpoint/${e.id}/logs`, { key: apiKey })).text))),
    ].join("\n");
    for (const secret of secrets) expect(shown, "a delivery shown to the tenant").not.toContain(secret);

    // what is stored beside them
    const attempts = JSON.stringify(await db().attempt.findMany({ where: { tenantId } }));
    const runs = JSON.stringify(await db().executorRun.findMany({ include: { steps: true } }), (_k, v) => (typeof v === "bigint" ? String(v) : v));
    const events = JSON.stringify(await db().executorEvent.findMany(), (_k, v) => (typeof v === "bigint" ? String(v) : v));
    for (const secret of secrets) {
      expect(attempts, "stored attempts").not.toContain(secret);
      expect(runs, "executor runs and steps").not.toContain(secret);
      expect(events, "executor events").not.toContain(secret);
    }

    // and what was logged while all of this ran: the deliveries' own lines included
    log.level = level;
    const lines = logged.join("\n");
    for (const id of deliveryIds) expect(lines, "log output").toContain(`"deliveryId":"${id}"`);
    for (const secret of secrets) expect(lines, "log output").not.toContain(secret);
    await receiver.close();
  });
});

describe("revocation and rotation", () => {
  it("a revoked API key is refused on every route that takes a key", async () => {
    const { tenantId, trpc } = await createTestTenant(db());
    const key = await apiKeyFor(db(), tenantId);
    // every method of every route the app serves (rest-test-support's table, as Next routes them), ids made up
    const someId = randomUUID();
    const targets = routes.flatMap(([pattern, module]) =>
      (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((method) => module[method]).map((method) => `${method} ${pattern.replace(/\[\w+\]/g, someId)}`),
    );
    const call = (target: string, withKey?: string) =>
      api(target, { key: withKey, body: target.startsWith("GET") ? undefined : { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
    // the ones that take a key refuse a call without one; the rest are public (the OpenAPI document) or a 405
    const keyed: string[] = [];
    for (const target of targets) if ((await call(target)).status === 401) keyed.push(target);
    expect(keyed.length, "routes taking a key").toBeGreaterThanOrEqual(35);
    for (const target of keyed) expect((await call(target, key)).status, `${target} before the revocation`).not.toBe(401);
    const messagesBefore = await db().message.count({ where: { tenantId } });

    const [listed] = await trpc.apiKeys.list();
    await trpc.apiKeys.revoke({ id: listed!.id });
    // every refusal below comes from one address: room for all of them under the invalid-key limit (tested in security-crafted-input)
    configureInvalidApiKeyLimit({ points: keyed.length + 1, durationSeconds: 60 });
    for (const target of keyed) {
      const response = await call(target, key);
      expect(response.status, target).toBe(401);
      expect(response.body, target).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    }
    expect(await db().message.count({ where: { tenantId } })).toBe(messagesBefore);
  });

  it("an old signing secret signs during the rotation window and never after it", async () => {
    allowPrivateNetworks = true;
    const { tenantId, trpc } = await createTestTenant(db());
    const receiver = await startReceiver();
    const endpoint = await endpointFor(trpc, { url: receiver.url });
    const oldSecret = (await trpc.endpoints.secret({ id: endpoint.id })).secret;
    const verifies = (secret: string, index: number) => {
      const request = receiver.received[index]!;
      const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, String(request.headers[name])]));
      try {
        new Webhook(secret).verify(request.body, headers);
        return true;
      } catch {
        return false;
      }
    };
    const deliverOne = async () => {
      const { message } = await publishMessage({ db: db(), tenantId, input: { event_type: "RiskAssessmentCalculated", payload: riskPayload } });
      await waitForDelivery(db(), message.deliveries[0]!.id);
    };

    // during the window: both secrets sign
    const rotated = await trpc.endpoints.rotateSecret({ id: endpoint.id, data: { overlap_seconds: 3_600 } });
    const newSecret = rotated.secret;
    await deliverOne();
    expect([verifies(oldSecret, 0), verifies(newSecret, 0)]).toEqual([true, true]);

    // the window ends (moved into the past rather than waited for): only the new secret signs
    await db().endpointSecret.updateMany({ where: { endpointId: endpoint.id, expiresAt: { not: null } }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await deliverOne();
    expect([verifies(oldSecret, 1), verifies(newSecret, 1)]).toEqual([false, true]);
    expect(String(receiver.received[1]!.headers["webhook-signature"]).split(" ")).toHaveLength(1);

    // a rotation with no overlap (a leaked secret) retires the previous one at once
    const leaked = newSecret;
    const fresh = (await trpc.endpoints.rotateSecret({ id: endpoint.id, data: { overlap_seconds: 0 } })).secret;
    await deliverOne();
    expect([verifies(leaked, 2), verifies(fresh, 2)]).toEqual([false, true]);
    await receiver.close();
  });
});

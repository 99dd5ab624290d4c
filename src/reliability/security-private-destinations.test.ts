/**
 * The SSRF guard of a server others can reach, through the real routes and database (issue 12, findings 4,
 * 9 and 12): an embedded install listening on every interface (HOST=0.0.0.0, no
 * HOOKLINE_ALLOW_PRIVATE_NETWORKS) refuses private destinations, tells the tenant only that the
 * destination is not allowed, and refuses the IPv6 spellings of IPv4 addresses. A receiver on 127.0.0.1
 * proves that nothing arrived.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { captureLogs } from "@/test/log-capture";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import type { Db } from "@/server/db/client";
import { api, apiKeyFor } from "@/server/rest/rest-test-support";

const current = vi.hoisted(() => {
  // before anything reads the environment: the test setup allows private networks for every other file
  delete process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS;
  process.env.HOST = "0.0.0.0";
  return { db: undefined as unknown };
});
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let receiver: Receiver;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  receiver = await startReceiver();
  logs = captureLogs();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await receiver.close();
  await database.close();
});

type TestMessages = { data: { attempts: { succeeded: boolean; errorClass: string | null; errorMessage: string | null }[] }[] };

/** Seed 004's test-send: the subscription's test message goes out at once and comes back with its attempt. */
async function testSend(url: string) {
  const { tenantId } = await createTestTenant(db);
  const key = await apiKeyFor(db, tenantId);
  const created = await api("POST /notifications/webhooks", { key, body: { url, subscribedEvents: ["user.created"] } });
  expect(created.status).toBe(201);
  const sent = await api("POST /notifications/messages/test", { key, body: { url, events: ["user.created"] } });
  expect(sent.status).toBe(200);
  return (sent.body as TestMessages).data[0]!.attempts[0]!;
}

describe("an embedded install listening on every interface", () => {
  const port = () => new URL(receiver.url).port;

  it.each([
    ["loopback", () => `http://127.0.0.1:${port()}/hook`],
    ["a name resolving to loopback", () => `http://localhost:${port()}/hook`],
    ["IPv4-compatible IPv6 loopback", () => `http://[::7f00:1]:${port()}/hook`],
    ["IPv4-compatible IPv6 of a private network", () => "http://[::a00:1]/hook"],
    ["IPv4-mapped IPv6 loopback", () => `http://[::ffff:7f00:1]:${port()}/hook`],
    ["NAT64 of a private network", () => "http://[64:ff9b::a00:1]/hook"],
    ["Azure's host endpoint", () => "http://168.63.129.16/metadata/instance"],
  ])("refuses %s, telling the tenant only that the destination is not allowed", async (_what, url) => {
    const attempt = await testSend(url());
    expect(attempt).toMatchObject({
      succeeded: false,
      errorClass: "ssrf_blocked",
      errorMessage: "The destination is not allowed; webhooks are not sent to private networks",
    });
    expect(receiver.received).toHaveLength(0);
  });

  it("keeps what a name resolved to out of the tenant's view and in the server log", async () => {
    const attempt = await testSend(`http://localhost:${port()}/internal`);
    expect(JSON.stringify(attempt)).not.toMatch(/127\.0\.0\.1|::1|loopback/);
    const refusals = logs.lines.filter((line) => line.level === 40 && line.msg === "SSRF guard refused a delivery");
    expect(refusals.some((line) => /^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address/.test(String(line.detail)))).toBe(true);
  });
});

/**
 * Receiver credentials cannot be exfiltrated by moving an endpoint (issue 12, finding 8), through every
 * transport that updates one (seed 001 REST, seed 004, tRPC) and the real database: credentials stay with the
 * origin they were entered for, and the inspector masks credential headers when it stores a request.
 * Real receivers on 127.0.0.1 show what each origin was sent.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as inspectRoute from "@/app/api/inspect/[token]/route";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver, type Receiver } from "@/test/http-receiver";
import type { Db } from "@/server/db/client";
import { createInspectorBin } from "@/server/inspector/create-inspector-bin";
import { api, apiKeyFor, TEST_ORIGIN } from "@/server/rest/rest-test-support";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let trusted: Receiver;
let attacker: Receiver;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  [trusted, attacker] = await Promise.all([startReceiver(), startReceiver()]);
});
afterAll(async () => {
  await Promise.all([trusted.close(), attacker.close()]);
  await database.close();
});

const basic = { auth_type: "Basic", auth_settings: { username: "hookline", password: "receiver-password" } } as const;
const basicHeader = `Basic ${Buffer.from("hookline:receiver-password").toString("base64")}`;

async function tenantWithEndpoint(url = trusted.url) {
  const { tenantId, trpc } = await createTestTenant(db);
  const key = await apiKeyFor(db, tenantId);
  const created = await api("POST /api/v2/webhook_endpoint", { key, body: { url, enabled_events: ["*"], ...basic } });
  expect(created.status).toBe(201);
  return { key, trpc, id: (created.body as { id: string }).id };
}

/** Seed 004's test-send: delivered at once to the endpoint at `url`; the receiver's last request. */
async function sendTo(key: string, url: string, receiver: Receiver) {
  const before = receiver.received.length;
  const sent = await api("POST /notifications/messages/test", { key, body: { url, events: ["user.created"] } });
  expect(sent.status).toBe(200);
  expect(receiver.received).toHaveLength(before + 1);
  return receiver.received.at(-1)!;
}

describe("moving an endpoint to another origin", () => {
  const elsewhere = () => `${attacker.origin}/collect`;

  it.each([
    ["seed 001's PUT", async (key: string, id: string) => api(`PUT /api/v2/webhook_endpoint/${id}`, { key, body: { url: elsewhere() } })],
    ["seed 004's update", async (key: string, id: string) => api(`POST /notifications/webhooks/${id}`, { key, body: { url: elsewhere() } })],
  ])("through %s drops the stored credentials", async (_transport, move) => {
    const { key, id } = await tenantWithEndpoint();
    expect((await sendTo(key, trusted.url, trusted)).headers.authorization).toBe(basicHeader);
    expect((await move(key, id)).status).toBe(200);
    expect((await sendTo(key, elsewhere(), attacker)).headers.authorization).toBeUndefined();
    expect((await api(`GET /api/v2/webhook_endpoint/${id}`, { key })).body).toMatchObject({ auth_type: "None" });
  });

  it("through tRPC drops them, and asks for them again when the auth type is named without them", async () => {
    const { key, trpc, id } = await tenantWithEndpoint();
    await expect(trpc.endpoints.update({ id, data: { url: elsewhere(), auth_type: "Basic" } })).rejects.toThrow(/auth_settings/);
    await expect(trpc.endpoints.update({ id, data: { url: elsewhere(), auth_type: "Basic", auth_settings: { username: "hookline" } } })).rejects.toThrow(
      /password/,
    );
    const moved = await trpc.endpoints.update({ id, data: { url: elsewhere() } });
    expect(moved.auth_type).toBe("None");
    expect((await sendTo(key, elsewhere(), attacker)).headers.authorization).toBeUndefined();
  });

  it("sends credentials given again in the same update, and keeps them on a move within the origin", async () => {
    const { key, id } = await tenantWithEndpoint();
    const samePlace = `${trusted.origin}/another-path`;
    expect((await api(`PUT /api/v2/webhook_endpoint/${id}`, { key, body: { url: samePlace } })).status).toBe(200);
    expect((await sendTo(key, samePlace, trusted)).headers.authorization).toBe(basicHeader);
    const moved = await api(`PUT /api/v2/webhook_endpoint/${id}`, { key, body: { url: elsewhere(), auth_settings: { username: "new", password: "for-the-new-host" } } });
    expect(moved.body).toMatchObject({ auth_type: "Basic" });
    expect((await sendTo(key, elsewhere(), attacker)).headers.authorization).toBe(`Basic ${Buffer.from("new:for-the-new-host").toString("base64")}`);
  });
});

describe("the inspector", () => {
  it("masks credential headers as it stores a request, keeping Hookline's signature headers", async () => {
    const { tenantId, trpc } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl: TEST_ORIGIN, input: { name: "bin" } });
    const request = new Request(`${TEST_ORIGIN}/api/inspect/${bin.token}`, {
      method: "POST",
      headers: {
        authorization: basicHeader,
        "proxy-authorization": "Bearer proxy-secret",
        "x-api-key": "receiver-api-key",
        "x-auth-token": "another-secret",
        cookie: "session=abc",
        "webhook-signature": "v1,c2lnbmF0dXJl",
        "x-request-id": "visible",
      },
      body: "{}",
    });
    expect((await inspectRoute.POST(request, { params: Promise.resolve({ token: bin.token }) })).status).toBe(200);
    const [stored] = await trpc.inspector.listRequests({ binId: bin.id });
    expect(stored!.headers).toMatchObject({
      authorization: "Basic [redacted]",
      "proxy-authorization": "Bearer [redacted]",
      "x-api-key": "[redacted]",
      "x-auth-token": "[redacted]",
      cookie: "[redacted]",
      "webhook-signature": "v1,c2lnbmF0dXJl",
      "x-request-id": "visible",
    });
    expect(JSON.stringify(await db.inspectorRequest.findMany({ where: { binId: bin.id } }))).not.toMatch(/receiver-api-key|proxy-secret|another-secret|aG9va2xpbmU6/);
  });
});

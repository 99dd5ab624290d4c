/**
 * A malicious receiver streaming a response without end (issue 12, finding 7), through seed 004's test-send
 * route and the real database: the attempt ends at once with the receiver's status recorded, and the
 * connection is closed instead of drained for the whole timeout.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { responseBodyCapBytes } from "@/server/deliveries/send-webhook";
import { api, apiKeyFor } from "@/server/rest/rest-test-support";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let endless: http.Server;
let origin: string;
let socketsClosed = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  endless = http.createServer((req, res) => {
    req.resume().on("end", () => {
      res.writeHead(202, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(16 * 1024, "z");
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
  });
  endless.on("connection", (socket) => socket.on("close", () => socketsClosed++));
  await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
});
afterAll(async () => {
  endless.closeAllConnections();
  await new Promise<void>((resolve) => endless.close(() => resolve()));
  await database.close();
});

describe("a receiver streaming without end", () => {
  it("gets its connection closed; the attempt ends at once with its status recorded", async () => {
    const { tenantId } = await createTestTenant(db);
    const key = await apiKeyFor(db, tenantId);
    const url = `${origin}/stream`;
    const created = await api("POST /notifications/webhooks", { key, body: { url, subscribedEvents: ["user.created"] } });
    const id = (created.body as { id: string }).id;
    // a timeout far longer than the test may take: only closing the connection ends the attempt in time
    expect((await api(`PUT /api/v2/webhook_endpoint/${id}`, { key, body: { timeout_ms: 60_000 } })).status).toBe(200);

    const startedAt = Date.now();
    const sent = await api("POST /notifications/messages/test", { key, body: { url, events: ["user.created"] } });
    expect(Date.now() - startedAt).toBeLessThan(20_000);
    expect(sent.status).toBe(200);
    expect((sent.body as { data: { attempts: unknown[] }[] }).data[0]!.attempts[0]).toMatchObject({ succeeded: true, responseStatusCode: 202 });
    const attempt = await db.attempt.findFirstOrThrow({ where: { endpointId: id } });
    expect(attempt).toMatchObject({ responseStatus: 202, responseBodyTruncated: true });
    expect(attempt.responseBody).toHaveLength(responseBodyCapBytes);
    await vi.waitFor(() => expect(socketsClosed).toBeGreaterThan(0), { timeout: 10_000 });
  });
});

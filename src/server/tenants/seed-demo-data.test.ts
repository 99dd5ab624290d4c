import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { seedDemoData } from "./seed-demo-data";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const publicUrl = "http://localhost:3000";
const encryptionKey = randomBytes(32);

describe("seedDemoData", () => {
  it("gives the tenant an inspector, endpoints pointing at it and a handful of messages, once", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db, "Demo Inc.");
    const first = await seedDemoData({ db, tenantId, publicUrl, encryptionKey });
    expect(first.created).toBe(true);
    expect(first.captureUrl).toMatch(/^http:\/\/localhost:3000\/api\/inspect\/in_/);
    const endpoints = await db.endpoint.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } });
    expect(endpoints.map((e) => e.url)).toEqual([first.captureUrl, `${first.captureUrl}?status=503`]);
    expect(first.messageIds).toHaveLength(6);
    // every message reaches the inspector; two also go to the flaky endpoint
    expect(await db.delivery.count({ where: { tenantId } })).toBe(8);
    expect(await db.delivery.count({ where: { tenantId, endpointId: endpoints[1]!.id } })).toBe(2);

    const second = await seedDemoData({ db, tenantId, publicUrl, encryptionKey });
    expect(second).toMatchObject({ created: false, captureUrl: first.captureUrl, messageIds: [] });
    expect(await db.inspectorBin.count({ where: { tenantId } })).toBe(1);
    expect(await db.endpoint.count({ where: { tenantId } })).toBe(2);
    expect(await db.message.count({ where: { tenantId } })).toBe(6);
  });

  it("does not bring back demo endpoints the tenant deleted", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    await seedDemoData({ db, tenantId, publicUrl, encryptionKey });
    await db.endpoint.updateMany({ where: { tenantId }, data: { deletedAt: new Date() } });
    expect((await seedDemoData({ db, tenantId, publicUrl, encryptionKey })).created).toBe(false);
    expect(await db.endpoint.count({ where: { tenantId, deletedAt: null } })).toBe(0);
  });
});

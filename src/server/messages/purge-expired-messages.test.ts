import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { purgeExpiredMessages } from "./purge-expired-messages";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("retention", () => {
  it("purges finished messages past the retention period, with their deliveries and attempts, and nothing else", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const endpoint = await createEndpoint({ db, tenantId, input: { url: "https://example.com/hooks", enabled_events: ["*"] } });
    const old = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    const message = (status: "succeeded" | "delivering", createdAt: Date) =>
      db.message.create({
        data: {
          tenantId,
          eventType: "user.created",
          payload: {},
          createdAt,
          deliveries: {
            create: {
              tenantId,
              endpointId: endpoint.id,
              status,
              createdAt,
              // the request and response kept with each attempt go with the message
              attempts: {
                create: { tenantId, endpointId: endpoint.id, number: 1, requestUrl: endpoint.url, requestHeaders: {}, requestBody: "{}", durationMs: 5, succeeded: true, createdAt },
              },
            },
          },
        },
      });
    const expired = await message("succeeded", old);
    const stillDelivering = await message("delivering", old);
    const recent = await message("succeeded", new Date());

    expect(await purgeExpiredMessages({ db, retentionDays: 30, batchSize: 1 })).toEqual({ deleted: 1 });
    const left = (await db.message.findMany({ where: { tenantId } })).map((m) => m.id).sort();
    expect(left).toEqual([stillDelivering.id, recent.id].sort());
    expect(await db.delivery.count({ where: { messageId: expired.id } })).toBe(0);
    // three attempts were stored, one per message: the expired one went with its delivery
    expect(await db.attempt.count({ where: { tenantId } })).toBe(2);
  });
});

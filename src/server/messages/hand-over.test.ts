/**
 * A publish answers once its messages are committed; handing their deliveries to Inngest follows in the
 * background (spaced under load, so runs carry more deliveries), and publishes wait for it only while
 * hand-overs are behind. Real executor, real HTTP: the executor's event intake sits behind a proxy that can
 * stall it, as a slow or restarting Inngest server would be.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver } from "@/test/http-receiver";
import { waitForDelivery } from "@/test/delivery-harness";
import { startHoldingProxy } from "@/test/holding-proxy";
import { startExecutorWithApp } from "@/executor/test/harness";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { requireEventType } from "@/server/catalog";
import { getInngest } from "@/server/inngest/client";
import { createHooklineFunctions } from "@/server/inngest/functions";
import { publishMessage } from "./publish-message";
import { publishMessages } from "./publish-messages";

let database: TestDatabase;
let intake: string;
let proxy: Awaited<ReturnType<typeof startHoldingProxy>>;
let pipeline: Awaited<ReturnType<typeof startExecutorWithApp>>;
const example = requireEventType("user.created").example as object;

/** whether `promise` settles within `ms` */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

beforeAll(async () => {
  database = await createTestDatabase();
  proxy = await startHoldingProxy(() => intake);
  pipeline = await startExecutorWithApp({ prisma: database.prisma, pollIntervalMs: 50, backoff: () => 200 }, () => {
    // the app's events go through the proxy; the executor still calls the app directly
    intake = process.env.INNGEST_BASE_URL!.replace(/\/$/, "");
    process.env.INNGEST_BASE_URL = proxy.url;
    const inngest = getInngest();
    return { inngest, functions: createHooklineFunctions(inngest, { getDb: async () => database.prisma }) };
  });
});
afterAll(async () => {
  await proxy?.close();
  await pipeline?.stop();
  await database?.close();
});

describe("handing published deliveries to Inngest", () => {
  it("answers a publish once it is committed while the hand-over is stalled, and delivers it when the hand-over goes through", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const receiver = await startReceiver();
    await createEndpoint({ db, tenantId, input: { url: receiver.url, enabled_events: ["user.created"] } });
    proxy.hold();
    const publishing = publishMessage({ db, tenantId, input: { event_type: "user.created", payload: example } });
    expect(await settlesWithin(publishing, 5_000)).toBe(true);
    const { message } = await publishing;
    // committed and answered; Inngest has not taken it yet
    expect(await db.message.count({ where: { id: message.id } })).toBe(1);
    await expect.poll(() => proxy.waiting).toBe(1);
    expect((await db.delivery.findUniqueOrThrow({ where: { id: message.deliveries[0]!.id } })).enqueuedAt).toBeNull();
    expect(receiver.received).toHaveLength(0);

    proxy.release();
    expect((await waitForDelivery(db, message.deliveries[0]!.id)).status).toBe("succeeded");
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ eventId: message.id });
    await receiver.close();
  });

  it("makes publishes wait for their hand-over while more than one send's worth of deliveries is waiting", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    // 1,000 messages to 6 endpoints: 6,000 deliveries, more than one send (5,000) may leave waiting
    for (let i = 0; i < 6; i++) await createEndpoint({ db, tenantId, input: { url: `http://127.0.0.1:9/unused/${i}`, enabled_events: ["user.created"] } });
    proxy.hold();
    const publishing = publishMessages({
      db,
      publisher: { platform: false, tenantId },
      input: { messages: Array.from({ length: 1_000 }, () => ({ event_type: "user.created", payload: example })) },
    });
    expect(await settlesWithin(publishing, 2_000)).toBe(false);
    expect(await db.message.count({ where: { tenantId } })).toBe(1_000);
    // what is delivered is not the point here: the endpoints are switched off, so the runs cancel at once
    await db.endpoint.updateMany({ where: { tenantId }, data: { isActive: false } });

    proxy.release();
    const { data } = await publishing;
    expect(data).toHaveLength(1_000);
    // handed over before the publish answered: every delivery is Inngest's already
    expect(await db.delivery.count({ where: { tenantId, enqueuedAt: null } })).toBe(0);
    await expect.poll(() => db.delivery.count({ where: { tenantId, status: "cancelled" } }), { timeout: 30_000, interval: 200 }).toBe(6_000);
  }, 60_000);
});

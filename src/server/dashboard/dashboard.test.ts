import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { DeliveryStatus } from "@/generated/prisma/enums";
import { getDashboardStats } from "./get-dashboard-stats";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const now = new Date("2026-03-10T12:30:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

// Deliveries are placed at chosen times and outcomes, which only direct rows can do; the pipeline that
// normally writes them has its own tests.
async function seedDeliveries(tenantId: string, endpointId: string, rows: { status: DeliveryStatus; at: Date; isTest?: boolean; lastError?: string }[]) {
  const db = database.prisma;
  for (const row of rows) {
    const message = await db.message.create({ data: { tenantId, eventType: "profile_create", payload: {}, createdAt: row.at } });
    await db.delivery.create({
      data: {
        tenantId,
        endpointId,
        messageId: message.id,
        status: row.status,
        isTest: row.isTest ?? false,
        createdAt: row.at,
        completedAt: row.status === "succeeded" || row.status === "failed" ? row.at : null,
        lastError: row.lastError,
        attemptCount: 1,
      },
    });
  }
}

async function endpoint(tenantId: string, url: string, extra: { isActive?: boolean; disabledAt?: Date; disabledReason?: string } = {}) {
  return database.prisma.endpoint.create({ data: { id: randomUUID(), tenantId, url, enabledEvents: ["*"], ...extra } });
}

describe("getDashboardStats", () => {
  it("buckets deliveries by hour over the last 24 hours, with totals and the success rate", async () => {
    const { tenantId } = await createTestTenant(database.prisma);
    const good = await endpoint(tenantId, "https://good.test/hook");
    await seedDeliveries(tenantId, good.id, [
      { status: "succeeded", at: hoursAgo(0.1) },
      { status: "succeeded", at: hoursAgo(0.2) },
      { status: "failed", at: hoursAgo(0.3), lastError: "HTTP 500" },
      { status: "succeeded", at: hoursAgo(5) },
      { status: "pending", at: hoursAgo(1) },
      // outside the range
      { status: "failed", at: hoursAgo(30) },
    ]);
    const stats = await getDashboardStats({ db: database.prisma, tenantId, input: { range: "24h" }, now });
    expect(stats.series).toHaveLength(24);
    expect(stats.bucketSeconds).toBe(3600);
    // the last bucket is the hour holding `now`
    expect(stats.series.at(-1)).toMatchObject({ start: new Date("2026-03-10T12:00:00Z"), succeeded: 2, failed: 1 });
    expect(stats.series.find((p) => p.start.getTime() === new Date("2026-03-10T07:00:00Z").getTime())).toMatchObject({ succeeded: 1 });
    expect(stats.series.find((p) => p.start.getTime() === new Date("2026-03-10T11:00:00Z").getTime())).toMatchObject({ other: 1 });
    expect(stats.totals).toEqual({ deliveries: 5, succeeded: 3, failed: 1, inFlight: 1, successRate: 0.75 });
    expect(stats.series.reduce((sum, p) => sum + p.succeeded + p.failed + p.other, 0)).toBe(5);
  });

  it("uses daily buckets for 30 days", async () => {
    const { tenantId } = await createTestTenant(database.prisma);
    const e = await endpoint(tenantId, "https://e.test/hook");
    await seedDeliveries(tenantId, e.id, [{ status: "succeeded", at: hoursAgo(24 * 20) }]);
    const stats = await getDashboardStats({ db: database.prisma, tenantId, input: { range: "30d" }, now });
    expect(stats.series).toHaveLength(30);
    expect(stats.totals.deliveries).toBe(1);
  });

  it("lists the failing endpoints worst first, ignoring test events, and counts endpoints", async () => {
    const { tenantId } = await createTestTenant(database.prisma);
    const flaky = await endpoint(tenantId, "https://flaky.test/hook");
    const broken = await endpoint(tenantId, "https://broken.test/hook", { isActive: false, disabledAt: hoursAgo(1), disabledReason: "410 Gone" });
    const healthy = await endpoint(tenantId, "https://healthy.test/hook");
    const deleted = await endpoint(tenantId, "https://deleted.test/hook");
    await database.prisma.endpoint.update({ where: { id: deleted.id }, data: { deletedAt: hoursAgo(1) } });
    await seedDeliveries(tenantId, deleted.id, Array.from({ length: 3 }, () => ({ status: "failed" as const, at: hoursAgo(4) })));
    await seedDeliveries(tenantId, flaky.id, [
      { status: "failed", at: hoursAgo(2), lastError: "timeout" },
      { status: "succeeded", at: hoursAgo(1) },
    ]);
    await seedDeliveries(tenantId, broken.id, [
      { status: "failed", at: hoursAgo(3), lastError: "connection refused" },
      { status: "failed", at: hoursAgo(2), lastError: "HTTP 410" },
    ]);
    await seedDeliveries(tenantId, healthy.id, [
      { status: "succeeded", at: hoursAgo(1) },
      { status: "failed", at: hoursAgo(1), isTest: true },
    ]);
    const stats = await getDashboardStats({ db: database.prisma, tenantId, now });
    expect(stats.failingEndpoints.map((e) => e.url)).toEqual(["https://broken.test/hook", "https://flaky.test/hook"]);
    expect(stats.failingEndpoints[0]).toMatchObject({ failed: 2, succeeded: 0, lastError: "HTTP 410", disabledReason: "410 Gone" });
    expect(stats.endpoints).toEqual({ total: 3, active: 2, disabled: 1 });
    expect(stats.recentActivity).toHaveLength(8);
    expect(stats.recentActivity[0]).toMatchObject({ eventType: "profile_create", endpointUrl: expect.stringContaining(".test/hook") });
  });

  it("an empty tenant gets zeros and empty lists, never null series", async () => {
    const { tenantId } = await createTestTenant(database.prisma);
    const stats = await getDashboardStats({ db: database.prisma, tenantId, input: { range: "7d" }, now });
    expect(stats.series).toHaveLength(28);
    expect(stats.totals).toEqual({ deliveries: 0, succeeded: 0, failed: 0, inFlight: 0, successRate: null });
    expect(stats.failingEndpoints).toEqual([]);
    expect(stats.recentActivity).toEqual([]);
  });

  it("counts every tenant's deliveries and endpoints for the whole install", async () => {
    // a window of its own, so the other tests' deliveries stay out of the figures
    const later = new Date("2031-06-01T12:30:00Z");
    const minutesBefore = (minutes: number) => new Date(later.getTime() - minutes * 60_000);
    const alice = await createTestTenant(database.prisma, "Alice");
    const bob = await createTestTenant(database.prisma, "Bob");
    const aliceEndpoint = await endpoint(alice.tenantId, "https://alice.test/install-hook");
    const bobEndpoint = await endpoint(bob.tenantId, "https://bob.test/install-hook");
    await seedDeliveries(alice.tenantId, aliceEndpoint.id, [{ status: "succeeded", at: minutesBefore(10) }]);
    await seedDeliveries(bob.tenantId, bobEndpoint.id, [
      { status: "failed", at: minutesBefore(20), lastError: "HTTP 500" },
      { status: "succeeded", at: minutesBefore(90) },
    ]);
    const stats = await getDashboardStats({ db: database.prisma, tenantId: "all", input: { range: "24h" }, now: later });
    expect(stats.totals).toMatchObject({ deliveries: 3, succeeded: 2, failed: 1, successRate: 2 / 3 });
    expect(stats.series.at(-1)).toMatchObject({ succeeded: 1, failed: 1 });
    expect(stats.failingEndpoints.map((e) => e.url)).toEqual(["https://bob.test/install-hook"]);
    expect(stats.recentActivity.slice(0, 3).map((d) => d.endpointUrl)).toEqual([
      "https://alice.test/install-hook",
      "https://bob.test/install-hook",
      "https://bob.test/install-hook",
    ]);
    const oneTenant = await getDashboardStats({ db: database.prisma, tenantId: bob.tenantId, input: { range: "24h" }, now: later });
    expect(oneTenant.totals).toMatchObject({ deliveries: 2, succeeded: 1, failed: 1 });
    expect(stats.endpoints.total).toBeGreaterThan(oneTenant.endpoints.total);
  });

  it("never counts another tenant's deliveries or endpoints", async () => {
    const alice = await createTestTenant(database.prisma, "Alice");
    const bob = await createTestTenant(database.prisma, "Bob");
    const aliceEndpoint = await endpoint(alice.tenantId, "https://alice.test/hook");
    await seedDeliveries(alice.tenantId, aliceEndpoint.id, [{ status: "failed", at: new Date(Date.now() - 60_000), lastError: "boom" }]);
    const stats = await getDashboardStats({ db: database.prisma, tenantId: bob.tenantId });
    expect(stats.totals.deliveries).toBe(0);
    expect(stats.endpoints.total).toBe(0);
    expect(stats.failingEndpoints).toEqual([]);
    expect(stats.recentActivity).toEqual([]);
    // and through the router the portal calls, which reads the tenant from the session
    const viaRouter = await bob.trpc.dashboard.stats({ range: "24h" });
    expect(viaRouter.totals.deliveries).toBe(0);
    expect((await alice.trpc.dashboard.stats({ range: "24h" })).totals.deliveries).toBe(1);
  });
});

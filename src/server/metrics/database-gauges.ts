import type { Gauge } from "prom-client";
import { getDb } from "@/server/db";

// What the database holds, read when Prometheus scrapes rather than tracked in memory: the values are the
// deployment's, right whichever process answers, after a restart, and whoever changed the rows. Each is one
// aggregate over an indexed column (deliveries by status, the executor's queue by available_at).

/** Timestamps compared as Prisma stores them: deliveries' as UTC `timestamp(3)`, the executor's as `timestamptz`. */
const nowText = () => new Date().toISOString();

export async function collectBacklog(this: Gauge<"state">): Promise<void> {
  const db = await getDb();
  const now = nowText();
  const [row] = await db.$queryRaw<{ pending: bigint; delivering: bigint; waiting_to_retry: bigint }[]>`
    SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
           count(*) FILTER (WHERE status = 'delivering' AND (next_attempt_at IS NULL OR next_attempt_at <= ${now}::timestamp(3))) AS delivering,
           count(*) FILTER (WHERE status = 'delivering' AND next_attempt_at > ${now}::timestamp(3)) AS waiting_to_retry
    FROM deliveries WHERE status IN ('pending', 'delivering')`;
  this.set({ state: "pending" }, Number(row?.pending ?? 0));
  this.set({ state: "delivering" }, Number(row?.delivering ?? 0));
  this.set({ state: "waiting_to_retry" }, Number(row?.waiting_to_retry ?? 0));
}

export async function collectDisabledEndpoints(this: Gauge): Promise<void> {
  const db = await getDb();
  this.set(await db.endpoint.count({ where: { disabledAt: { not: null }, deletedAt: null } }));
}

export async function collectExecutorQueue(this: Gauge<"state">): Promise<void> {
  const db = await getDb();
  const now = nowText();
  const [row] = await db.$queryRaw<{ due: bigint; scheduled: bigint }[]>`
    SELECT count(*) FILTER (WHERE available_at <= ${now}::timestamptz) AS due,
           count(*) FILTER (WHERE available_at > ${now}::timestamptz) AS scheduled
    FROM executor_queue_items`;
  this.set({ state: "due" }, Number(row?.due ?? 0));
  this.set({ state: "scheduled" }, Number(row?.scheduled ?? 0));
}

export async function collectOldestDueItem(this: Gauge): Promise<void> {
  const db = await getDb();
  const now = new Date();
  const [row] = await db.$queryRaw<{ oldest: Date | null }[]>`
    SELECT min(available_at) AS oldest FROM executor_queue_items WHERE available_at <= ${now.toISOString()}::timestamptz`;
  this.set(row?.oldest ? Math.max(0, (now.getTime() - new Date(row.oldest).getTime()) / 1000) : 0);
}

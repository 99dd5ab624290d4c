import { z } from "zod";

export const dashboardRanges = {
  "24h": { label: "Last 24 hours", seconds: 24 * 3600, bucketSeconds: 3600 },
  "7d": { label: "Last 7 days", seconds: 7 * 86_400, bucketSeconds: 6 * 3600 },
  "30d": { label: "Last 30 days", seconds: 30 * 86_400, bucketSeconds: 86_400 },
} as const;
export type DashboardRange = keyof typeof dashboardRanges;

export const dashboardStatsInput = z.object({
  range: z.enum(Object.keys(dashboardRanges) as [DashboardRange, ...DashboardRange[]]).default("24h"),
});
export type DashboardStatsInput = z.input<typeof dashboardStatsInput>;

const deliveryStatus = z.enum(["pending", "delivering", "succeeded", "failed", "cancelled"]);

export const dashboardStatsDto = z.object({
  range: z.string(),
  since: z.date(),
  bucketSeconds: z.int(),
  /** one point per bucket, oldest first, empty buckets included so the chart's time axis is even */
  series: z.array(z.object({ start: z.date(), succeeded: z.int(), failed: z.int(), other: z.int() })),
  totals: z.object({
    deliveries: z.int(),
    succeeded: z.int(),
    failed: z.int(),
    /** pending or delivering right now, whenever they were created */
    inFlight: z.int(),
    /** succeeded / (succeeded + failed) over the range; null with nothing finished */
    successRate: z.number().nullable(),
  }),
  endpoints: z.object({ total: z.int(), active: z.int(), disabled: z.int() }),
  /** endpoints with failed deliveries in the range (test events excluded), worst first */
  failingEndpoints: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      description: z.string(),
      failed: z.int(),
      succeeded: z.int(),
      lastError: z.string().nullable(),
      lastFailedAt: z.date().nullable(),
      disabledReason: z.string().nullable(),
    }),
  ),
  recentActivity: z.array(
    z.object({
      id: z.string(),
      messageId: z.string(),
      eventType: z.string(),
      endpointId: z.string(),
      endpointUrl: z.string(),
      endpointDescription: z.string(),
      status: deliveryStatus,
      attemptCount: z.int(),
      isTest: z.boolean(),
      createdAt: z.date(),
    }),
  ),
});
export type DashboardStatsDto = z.infer<typeof dashboardStatsDto>;

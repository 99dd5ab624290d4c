import { constantTimeEqual } from "@/server/signing/scheme";
import { metrics } from "./registry";

export type ScrapeAccess = "off" | "denied" | "granted";

/**
 * Whether a scrape may read the metrics: `off` while no token is configured (the endpoint does not exist),
 * `granted` for `Authorization: Bearer <token>` with exactly the configured token, compared in constant time.
 */
export function scrapeAccess(authorization: string | null, token: string | undefined): ScrapeAccess {
  if (!token) return "off";
  const presented = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return presented !== undefined && constantTimeEqual(presented, token) ? "granted" : "denied";
}

/** This process's metrics in Prometheus's text format; the database-backed gauges are read now. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

import type { Inngest } from "inngest";
import type { Db } from "@/server/db/client";
import type { DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { deliveryRuntime } from "@/server/deliveries/delivery-runtime";
import { env } from "@/server/env";
import { createDeliverOrderedWebhook } from "./deliver-ordered-webhook";
import { createDeliverWebhook } from "./deliver-webhook";
import { createDeliverWebhooks } from "./deliver-webhooks";
import { createPurgeExpiredMessages } from "./purge-expired-messages";
import { createSweepDeliveries } from "./sweep-deliveries";

export type FunctionDeps = {
  getDb: () => Promise<Db>;
  /** read per call, from the validated environment unless a test says otherwise */
  runtime?: () => DeliveryRuntime;
  retentionDays?: () => number;
};

/** Every Inngest function of Hookline, registered once and served by `/api/inngest`. */
export function createHooklineFunctions(inngest: Inngest, { getDb, runtime = deliveryRuntime, retentionDays = () => env().retentionDays }: FunctionDeps) {
  const deps = { getDb, runtime, retentionDays };
  return [
    createDeliverWebhooks(inngest, deps),
    createDeliverWebhook(inngest, deps),
    createDeliverOrderedWebhook(inngest, deps),
    createSweepDeliveries(inngest, deps),
    createPurgeExpiredMessages(inngest, deps),
  ];
}

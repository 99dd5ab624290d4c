import type { Inngest } from "inngest";
import type { Db } from "@/server/db/client";
import type { DeliveryRuntime } from "@/server/deliveries/attempt-delivery";
import { createDeliverWebhook } from "./deliver-webhook";
import { createSweepDeliveries } from "./sweep-deliveries";

export type FunctionDeps = { getDb: () => Promise<Db>; runtime: () => DeliveryRuntime };

/** Every Inngest function of Hookline, registered once and served by `/api/inngest`. */
export function createHooklineFunctions(inngest: Inngest, deps: FunctionDeps) {
  return [createDeliverWebhook(inngest, deps), createSweepDeliveries(inngest, deps)];
}

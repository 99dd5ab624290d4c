import type { Inngest } from "inngest";
import type { Db } from "@/server/db/client";
import { sweepUnsentDeliveries } from "@/server/deliveries/sweep-unsent-deliveries";

/** Every minute: deliveries committed but never handed to Inngest (a crash between the two) are sent. */
export function createSweepDeliveries(inngest: Inngest, deps: { getDb: () => Promise<Db> }) {
  return inngest.createFunction(
    { id: "sweep-unsent-deliveries", name: "Re-send unsent deliveries", retries: 0, triggers: [{ cron: "* * * * *" }] },
    async ({ step }) => step.run("sweep", async () => sweepUnsentDeliveries({ db: await deps.getDb() })),
  );
}

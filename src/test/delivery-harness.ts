import type { Db } from "@/server/db/client";
import { getInngest } from "@/server/inngest/client";
import { createHooklineFunctions, type FunctionDeps } from "@/server/inngest/functions";
import { startExecutorWithApp } from "@/executor/test/harness";
import type { DeliveryStatus } from "@/generated/prisma/enums";

/**
 * Hookline's real Inngest functions served over HTTP on 127.0.0.1 and driven by the embedded executor,
 * on the test database: deliveries run exactly as in `npm start`, only faster to poll.
 */
export async function startDeliveryPipeline(db: Db, { runtime }: Pick<FunctionDeps, "runtime"> = {}) {
  return startExecutorWithApp({ prisma: db, pollIntervalMs: 50, backoff: () => 200 }, () => {
    const inngest = getInngest();
    return { inngest, functions: createHooklineFunctions(inngest, { getDb: async () => db, runtime }) };
  });
}

const finished: DeliveryStatus[] = ["succeeded", "failed", "cancelled"];

/** Polls until the delivery has finished (or reaches one of `statuses`). */
export async function waitForDelivery(db: Db, deliveryId: string, { statuses = finished, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const delivery = await db.delivery.findUniqueOrThrow({
      where: { id: deliveryId },
      include: { attempts: { orderBy: { number: "asc" } }, endpoint: true },
    });
    if (statuses.includes(delivery.status)) return delivery;
    if (Date.now() > deadline) throw new Error(`delivery ${deliveryId} is still ${delivery.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

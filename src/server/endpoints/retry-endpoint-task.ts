import type { Db } from "@/server/db/client";
import { retryDelivery } from "@/server/deliveries/retry-delivery";
import type { DeliveryDto } from "@/server/deliveries/schemas";
import { notFound } from "@/server/errors";
import { retryTaskInput, type RetryTaskInput } from "./schemas";
import { invalidInput } from "./validation";

/**
 * Seed 001 `POST /api/v2/webhook_endpoint/retry`: sends a finished task (delivery) again, as a new delivery
 * with the same payload. `webhook_id` and `event_type`, when given, must describe that task, so a client
 * mixing up ids gets an error instead of a retry of something else.
 */
export async function retryEndpointTask({ db, tenantId, input }: { db: Db; tenantId: string; input: RetryTaskInput }): Promise<DeliveryDto> {
  const data = retryTaskInput.parse(input);
  const task = await db.delivery.findFirst({
    where: { id: data.task_id, tenantId },
    select: { endpointId: true, endpoint: { select: { deletedAt: true } }, message: { select: { eventType: true } } },
  });
  if (!task || (data.webhook_id !== undefined && data.webhook_id !== task.endpointId)) throw notFound("Task");
  if (task.endpoint.deletedAt) throw notFound("Endpoint");
  if (data.event_type !== undefined && data.event_type !== task.message.eventType) {
    throw invalidInput([{ path: ["event_type"], message: `the task is a "${task.message.eventType}" event` }]);
  }
  return retryDelivery({ db, tenantId, deliveryId: data.task_id });
}

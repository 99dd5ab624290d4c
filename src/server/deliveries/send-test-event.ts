import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import { findEventType } from "@/server/catalog";
import { AppError, notFound } from "@/server/errors";
import { getMessage } from "@/server/messages/get-message";
import type { MessageDto } from "@/server/messages/schemas";
import { validateEventPayload } from "@/server/messages/validate-event-payload";
import { enqueueDeliveriesAfterCommit } from "./enqueue-deliveries";

/**
 * Delivers one event to one endpoint, whatever it subscribes to: the catalog's example payload unless
 * another is given. Marked as a test so it never counts against the endpoint's health.
 */
export async function sendTestEvent({ db, tenantId, endpointId, eventType, payload }: {
  db: Db; tenantId: string; endpointId: string; eventType: string; payload?: unknown;
}): Promise<{ message: MessageDto }> {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, tenantId, deletedAt: null } });
  if (!endpoint) throw notFound("Endpoint");
  if (endpoint.disabledAt) throw new AppError("CONFLICT", `The endpoint is disabled: ${endpoint.disabledReason ?? "enable it first"}`);
  const definition = findEventType(eventType);
  const validated = validateEventPayload(eventType, payload === undefined ? definition?.example : payload);
  const messageId = randomUUID();
  const delivery = { id: randomUUID(), tenantId, endpointId, messageId, isTest: true };
  await db.$transaction([
    db.message.create({
      data: { id: messageId, tenantId, eventType: validated.eventType.name, payload: validated.payload as Prisma.InputJsonValue },
    }),
    db.delivery.create({ data: delivery }),
  ]);
  await enqueueDeliveriesAfterCommit({ db, deliveries: [delivery] });
  return { message: await getMessage({ db, tenantId, messageId }) };
}

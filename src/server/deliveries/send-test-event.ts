import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Endpoint, Prisma } from "@/generated/prisma/client";
import { findEventType } from "@/server/catalog";
import { AppError, notFound } from "@/server/errors";
import { getMessage } from "@/server/messages/get-message";
import type { MessageDto } from "@/server/messages/schemas";
import { validateEventPayload } from "@/server/messages/validate-event-payload";
import { enqueueDeliveriesAfterCommit } from "./enqueue-deliveries";

/** A disabled endpoint receives nothing, tests included, until the tenant turns it back on. */
export function assertEndpointEnabled(endpoint: Pick<Endpoint, "disabledAt" | "disabledReason">): void {
  if (endpoint.disabledAt) throw new AppError("CONFLICT", `The endpoint is disabled: ${endpoint.disabledReason ?? "enable it first"}`);
}

/**
 * Writes one test message per event, each with a delivery to the endpoint, in one transaction; nothing is sent
 * yet. The catalog's example payload unless another is given; every payload is checked before anything is
 * written. Marked as tests so they never count against the endpoint's health.
 */
export async function writeTestDeliveries({ db, tenantId, endpointId, events }: {
  db: Db; tenantId: string; endpointId: string; events: { eventType: string; payload?: unknown }[];
}) {
  const rows = events.map(({ eventType, payload }) => {
    const validated = validateEventPayload(eventType, payload === undefined ? findEventType(eventType)?.example : payload);
    const messageId = randomUUID();
    return {
      message: { id: messageId, tenantId, eventType: validated.eventType.name, payload: validated.payload as Prisma.InputJsonValue },
      delivery: { id: randomUUID(), tenantId, endpointId, messageId, isTest: true },
    };
  });
  await db.$transaction(rows.flatMap(({ message, delivery }) => [db.message.create({ data: message }), db.delivery.create({ data: delivery })]));
  return rows.map((row) => row.delivery);
}

/** Delivers one event to one endpoint, whatever it subscribes to, through the queue like any message. */
export async function sendTestEvent({ db, tenantId, endpointId, eventType, payload }: {
  db: Db; tenantId: string; endpointId: string; eventType: string; payload?: unknown;
}): Promise<{ message: MessageDto }> {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, tenantId, deletedAt: null } });
  if (!endpoint) throw notFound("Endpoint");
  assertEndpointEnabled(endpoint);
  const [delivery] = await writeTestDeliveries({ db, tenantId, endpointId, events: [{ eventType, payload }] });
  await enqueueDeliveriesAfterCommit({ db, deliveries: [delivery!] });
  return { message: await getMessage({ db, tenantId, messageId: delivery!.messageId }) };
}

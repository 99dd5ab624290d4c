import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { requireEventType, type OperationalEventTypeName } from "@/server/catalog";
import type { Tx } from "@/server/endpoints/endpoint-records";
import type { PublishedDeliveryRow } from "@/server/messages/write-published-messages";
import { OPERATIONAL_TENANT_SLUG } from "./operational-tenant";

/**
 * Writes an operational event, inside the caller's transaction (the one that changed what it reports, so
 * a crash either keeps both or neither): one message for the tenant the event is about, delivered to its
 * endpoints that subscribe to the type by name, and one for the operator's tenant, if configured. `key`
 * names the occurrence (an episode, a delivery); written as the message's idempotency key, it keeps a
 * repeated call from sending the event twice. Returns the deliveries to hand to Inngest after the commit.
 */
export async function emitOperationalEvent(
  tx: Tx,
  { tenantId, eventType, payload, key }: { tenantId: string; eventType: OperationalEventTypeName; payload: Record<string, unknown>; key: string },
): Promise<PublishedDeliveryRow[]> {
  const data = requireEventType(eventType).schema.parse(payload) as Prisma.InputJsonObject;
  const operator = await tx.tenant.findUnique({ where: { slug: OPERATIONAL_TENANT_SLUG }, select: { id: true } });
  const recipients = [...new Set([tenantId, ...(operator ? [operator.id] : [])])];
  const deliveries: PublishedDeliveryRow[] = [];
  for (const recipient of recipients) {
    const endpoints = await tx.endpoint.findMany({
      where: { tenantId: recipient, isActive: true, disabledAt: null, deletedAt: null, enabledEvents: { has: eventType } },
      select: { id: true },
    });
    if (!endpoints.length) continue;
    const message = { id: randomUUID(), tenantId: recipient, eventType, payload: data, idempotencyKey: `hookline:${key}`, createdAt: new Date() };
    const written = await tx.message.createMany({ data: [message], skipDuplicates: true });
    if (!written.count) continue;
    const rows = endpoints.map((endpoint) => ({ id: randomUUID(), tenantId: recipient, messageId: message.id, endpointId: endpoint.id, orderingKey: null, createdAt: message.createdAt }));
    await tx.delivery.createMany({ data: rows });
    deliveries.push(...rows);
  }
  return deliveries;
}

import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Db } from "@/server/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { endpointFilterAccepts } from "@/server/endpoints/stored-payload-filter";
import { enqueueDeliveriesAfterCommit } from "@/server/deliveries/enqueue-deliveries";
import { publishMessageInput, type MessageDto, type PublishMessageInput } from "./schemas";
import { toMessageDto } from "./to-message-dto";
import { validateEventPayload } from "./validate-event-payload";
import { tenantQuotas } from "@/server/quotas/tenant-quotas";
import { fanOutExceeded, writePublishedMessage, type PublishedDeliveryRow } from "./write-published-messages";

async function findByIdempotencyKey(db: Db, tenantId: string, idempotencyKey: string) {
  return db.message.findUnique({
    where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } },
    include: { deliveries: { orderBy: { createdAt: "asc" } } },
  });
}

/** Active endpoints of the tenant subscribed to the event type (or to every event) whose payload filter, if any, matches. */
async function subscribedEndpointIds(db: Db, tenantId: string, eventType: string, payload: unknown): Promise<string[]> {
  const endpoints = await db.$queryRaw<{ id: string }[]>`
    SELECT e.id::text FROM endpoints e
    WHERE e.tenant_id = ${tenantId}::uuid AND e.is_active AND e.disabled_at IS NULL AND e.deleted_at IS NULL
      AND e.enabled_events && ARRAY[${eventType}, '*'] AND ${endpointFilterAccepts(Prisma.sql`${JSON.stringify(payload)}::jsonb`)}`;
  return endpoints.map((endpoint) => endpoint.id);
}

function replayOf(existing: NonNullable<Awaited<ReturnType<typeof findByIdempotencyKey>>>, eventType: string, payload: unknown) {
  // Stripe's rule: a key names one request; reusing it for a different one is a client bug worth reporting
  // compared as JSON values: jsonb keeps no key order, and JSON has no `undefined`
  const samePayload = isDeepStrictEqual(existing.payload, JSON.parse(JSON.stringify(payload)));
  if (existing.eventType !== eventType || !samePayload) {
    throw new AppError("CONFLICT", "This idempotency key was already used with a different event type or payload", {
      message_id: existing.id,
    });
  }
  return { message: toMessageDto(existing), replayed: true };
}

/**
 * Publishes one event for a tenant: the message and one delivery per active endpoint subscribed to its
 * type (at most the fan-out quota, else nothing is published) are written in one transaction (shared with concurrent publishes, see write-published-messages.ts),
 * then handed to Inngest. A repeat with the same idempotency key returns the first result and writes nothing.
 */
export async function publishMessage({ db, tenantId, input }: {
  db: Db; tenantId: string; input: PublishMessageInput;
}): Promise<{ message: MessageDto; replayed: boolean }> {
  const data = publishMessageInput.parse(input);
  const { eventType, payload } = validateEventPayload(data.event_type, data.payload);
  const idempotencyKey = data.idempotency_key ?? null;

  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(db, tenantId, idempotencyKey);
    if (existing) return replayOf(existing, eventType.name, payload);
  }

  const message = { id: randomUUID(), tenantId, eventType: eventType.name, payload: payload as Prisma.InputJsonValue, createdAt: new Date() };
  let deliveries: PublishedDeliveryRow[];
  if (idempotencyKey) {
    const endpointIds = await subscribedEndpointIds(db, tenantId, eventType.name, payload);
    if (endpointIds.length > tenantQuotas().deliveriesPerMessage) throw fanOutExceeded(eventType.name, endpointIds.length);
    deliveries = endpointIds.map((endpointId) => ({
      id: randomUUID(),
      tenantId,
      messageId: message.id,
      endpointId,
      createdAt: message.createdAt,
    }));
    try {
      await db.$transaction([
        db.message.create({ data: { ...message, idempotencyKey } }),
        db.delivery.createMany({ data: deliveries }),
      ]);
    } catch (error) {
      // two requests with one key raced: the loser answers with the winner's message
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        const existing = await findByIdempotencyKey(db, tenantId, idempotencyKey);
        if (existing) return replayOf(existing, eventType.name, payload);
      }
      throw error;
    }
    await enqueueDeliveriesAfterCommit({ db, deliveries });
  } else {
    // without a key there is no race to settle: the write joins concurrent publishes in one statement
    deliveries = await writePublishedMessage(db, message);
  }

  // what was just committed, without reading it back: the deliveries are pending until the executor starts them
  return {
    message: toMessageDto({
      ...message,
      // as the database returns it: JSON semantics (no undefined), whatever the caller passed
      payload: JSON.parse(JSON.stringify(payload)) as Prisma.JsonValue,
      idempotencyKey,
      deliveries: deliveries.map((delivery) => ({
        ...delivery,
        status: "pending" as const,
        attemptCount: 0,
        nextAttemptAt: null,
        lastAttemptAt: null,
        completedAt: null,
        enqueuedAt: null,
        retryOfId: null,
        isTest: false,
        lastError: null,
        updatedAt: message.createdAt,
      })),
    }),
    replayed: false,
  };
}

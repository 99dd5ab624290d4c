import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { publishMessageInput, type MessageDto, type PublishMessageInput } from "./schemas";
import { validateEventPayload } from "./validate-event-payload";
import { publishValidatedMessages } from "./publish-validated-messages";
import { fanOutExceeded } from "./write-published-messages";

/**
 * Publishes one event for a tenant: the message and one delivery per active endpoint subscribed to its
 * type (at most the fan-out quota, else nothing is published) are written in one transaction (shared with
 * concurrent publishes, see write-published-messages.ts), then handed to Inngest. A repeat with the same
 * idempotency key returns the first result and writes nothing.
 */
export async function publishMessage({ db, tenantId, input }: {
  db: Db; tenantId: string; input: PublishMessageInput;
}): Promise<{ message: MessageDto; replayed: boolean }> {
  const data = publishMessageInput.parse(input);
  const { eventType, payload } = validateEventPayload(data.event_type, data.payload);
  const published = await publishValidatedMessages(db, [
    { tenantId, eventType: eventType.name, payload, idempotencyKey: data.idempotency_key ?? null, orderingKey: data.ordering_key ?? null },
  ]);
  if ("reusedKey" in published) {
    throw new AppError("CONFLICT", "This idempotency key was already used with a different event type or payload", {
      message_id: published.reusedKey.messageId,
    });
  }
  if ("fanOut" in published) throw fanOutExceeded(published.fanOut.eventType, published.fanOut.subscribed);
  return published.results[0]!;
}

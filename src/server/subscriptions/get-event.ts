import { messageLinks } from "@/server/catalog";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { getMessage } from "@/server/messages/get-message";
import { eventDto, type EventDto } from "./schemas";

/**
 * Seed 004 `GET /events/{eventId}`, where the `links.event` of every seed 004 body points: the published
 * message, with the payload that `links.eventEntity` returns alone.
 */
export async function getEvent({
  db,
  tenantId,
  eventId,
  publicUrl = env().publicUrl,
}: {
  db: Db;
  tenantId: string;
  eventId: string;
  publicUrl?: string;
}): Promise<EventDto> {
  const message = await getMessage({ db, tenantId, messageId: eventId });
  const links = messageLinks(publicUrl, message.id);
  return eventDto.parse({
    type: "event",
    id: message.id,
    eventTypeId: message.event_type,
    createdDate: message.created_at,
    payload: message.payload,
    links: { self: links.event, eventEntity: links.eventEntity },
  });
}

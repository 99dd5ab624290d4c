import { requireEventType } from "./catalog";
import type { EventTypeDefinition } from "./event-type";

/**
 * Where seed-004 references point. `event` is seed 004's own event resource (`GET /events/{eventId}`);
 * `eventEntity` returns the payload the publisher gave, which is the entity the event is about.
 */
export function messageLinks(publicUrl: string, messageId: string): { event: string; eventEntity: string } {
  const origin = publicUrl.replace(/\/+$/, "");
  const id = encodeURIComponent(messageId);
  return { event: `${origin}/events/${id}`, eventEntity: `${origin}/api/v2/messages/${id}/payload` };
}

/** Seed 003 shows `2023-01-01T12:00:00Z`: second precision, UTC. */
function formatWireTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export type BuildWireBodyOptions = {
  /** the definition, or its name as stored on the message */
  eventType: EventTypeDefinition | string;
  /** the payload as validated by the event type's schema when the message was published */
  payload: unknown;
  /** stable across attempts, so a receiver can deduplicate on the ids in the body */
  messageId: string;
  createdAt: Date;
  /** Hookline's own origin, for the links of seed-004 bodies */
  publicUrl: string;
};

/**
 * The exact text sent and signed. It depends only on the message, never on the attempt, so every
 * retry carries identical bytes.
 */
export function buildWireBody({ payload, messageId, createdAt, publicUrl, ...options }: BuildWireBodyOptions): string {
  const eventType = typeof options.eventType === "string" ? requireEventType(options.eventType) : options.eventType;
  const format = eventType.wireFormat;
  switch (format.kind) {
    case "flat": {
      // `Type` always first and always the event's name, whether or not the publisher sent it
      const { Type: _sentType, ...fields } = asObject(payload, eventType.name);
      return JSON.stringify({ Type: eventType.name, ...fields });
    }
    case "profile": {
      const { profile, details } = asObject(payload, eventType.name);
      return JSON.stringify({
        event_type: eventType.name,
        event_id: messageId,
        created_at: formatWireTimestamp(createdAt),
        profile,
        details,
      });
    }
    case "envelope":
      return JSON.stringify({
        created_at: formatWireTimestamp(createdAt),
        api_version: format.apiVersion,
        group_type: format.groupType,
        event_type: eventType.name,
        data: payload,
      });
    case "reference":
      return JSON.stringify({
        eventTypeId: eventType.name,
        eventId: messageId,
        links: messageLinks(publicUrl, messageId),
      });
  }
}

function asObject(payload: unknown, eventTypeName: string): Record<string, unknown> {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new TypeError(`${eventTypeName} payload must be a JSON object`);
  }
  return payload as Record<string, unknown>;
}

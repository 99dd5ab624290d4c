import { z } from "zod";

/**
 * How an event's body looks on the wire. Each seed documents its own shape and receivers written
 * against a seed must get exactly that shape, so the format belongs to the event type, not the endpoint.
 */
export type WireFormat =
  /** seed 000: the publisher's fields with the event name as `Type` first: `{"Type": …, …}` */
  | { kind: "flat" }
  /** seed 001/002: `{event_type, event_id, created_at, profile, details}`; the seeds leave the body open */
  | { kind: "profile" }
  /** seed 003: `{created_at, api_version, group_type, event_type, data}` around the publisher's payload */
  | { kind: "envelope"; apiVersion: string; groupType: string }
  /** seed 004: `{eventTypeId, eventId, links: {event, eventEntity}}`; receivers fetch the rest from Hookline */
  | { kind: "reference" };

export type WireFormatKind = WireFormat["kind"];

export type EventTypeDefinition<Name extends string = string, Schema extends z.ZodType = z.ZodType> = {
  name: Name;
  /** label the portal and the event listing group event types under */
  group: string;
  description: string;
  /** what the publisher sends as `payload`; validated before anything is written */
  schema: Schema;
  /** a realistic payload, used by test events and shown in the catalog */
  example: z.input<Schema>;
  wireFormat: WireFormat;
};

/** Checks the example against the schema's type at compile time and keeps the name's literal type. */
export function defineEventType<const Name extends string, Schema extends z.ZodType>(
  definition: EventTypeDefinition<Name, Schema>,
): EventTypeDefinition<Name, Schema> {
  return definition;
}

/** ISO 8601 with an explicit offset (`Z` or `±hh:mm`), as every timestamp Hookline designed carries one. */
export const isoDateTime = z.iso.datetime({ offset: true });

import { eventTypeDtoSchema, listEventTypes, toEventTypeDto, type EventTypeDto } from "@/server/catalog";
import { env } from "@/server/env";

export const eventTypeListDto = eventTypeDtoSchema.array().meta({ id: "EventTypes" });

/** Seed 001 `GET /api/v2/events`: every event type with its example, schema and wire example. */
export function listEventTypeDtos(): EventTypeDto[] {
  const { publicUrl } = env();
  return listEventTypes().map((eventType) => toEventTypeDto(eventType, { publicUrl }));
}

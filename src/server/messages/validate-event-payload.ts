import { findEventType, type EventTypeDefinition } from "@/server/catalog";
import { AppError } from "@/server/errors";

/** The event type and the payload its schema accepts, or a 422 that says what is wrong and where. */
export function validateEventPayload(eventTypeName: string, payload: unknown): { eventType: EventTypeDefinition; payload: unknown } {
  const eventType = findEventType(eventTypeName);
  if (!eventType) {
    throw new AppError("UNPROCESSABLE", `Unknown event type "${eventTypeName}"`, {
      field: "event_type",
      hint: "GET /api/v2/events lists the event types",
    });
  }
  const parsed = eventType.schema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("UNPROCESSABLE", `The payload does not match the "${eventType.name}" schema`, {
      issues: parsed.error.issues.map((issue) => ({ path: ["payload", ...issue.path.map(String)].join("."), message: issue.message })),
    });
  }
  return { eventType, payload: parsed.data };
}

import { z } from "zod";
import type { EventTypeDefinition, WireFormatKind } from "./event-type";
import { buildWireBody } from "./wire-body";

const jsonSchemaCache = new WeakMap<EventTypeDefinition, Record<string, unknown>>();

/** JSON Schema (draft 2020-12) of what publishers send, as OpenAPI 3.1 and the portal show it. */
export function eventTypeJsonSchema(eventType: EventTypeDefinition): Record<string, unknown> {
  let jsonSchema = jsonSchemaCache.get(eventType);
  if (!jsonSchema) {
    // "input": optional fields such as seed 000's `Type` are optional for the publisher
    jsonSchema = z.toJSONSchema(eventType.schema, { io: "input" }) as Record<string, unknown>;
    jsonSchemaCache.set(eventType, jsonSchema);
  }
  return jsonSchema;
}

// The wire example reuses ids from the seeds, so it reads exactly like their documented examples.
const exampleMessageId = "44a85f64-5717-4562-b3fc-2c963f66af44";
const exampleCreatedAt = new Date("2023-01-01T12:00:00Z");

const wireFormatKinds = ["flat", "profile", "envelope", "reference"] as const satisfies readonly WireFormatKind[];

export const eventTypeDtoSchema = z.object({
  name: z.string(),
  group: z.string(),
  description: z.string(),
  wireFormat: z.enum(wireFormatKinds),
  schema: z.record(z.string(), z.unknown()).describe("JSON Schema of the payload a publisher sends"),
  example: z.unknown().describe("An example payload, as a publisher sends it"),
  wireExample: z.unknown().describe("The example as the body an endpoint receives"),
});

export type EventTypeDto = z.infer<typeof eventTypeDtoSchema>;

export function toEventTypeDto(eventType: EventTypeDefinition, { publicUrl }: { publicUrl: string }): EventTypeDto {
  return {
    name: eventType.name,
    group: eventType.group,
    description: eventType.description,
    wireFormat: eventType.wireFormat.kind,
    schema: eventTypeJsonSchema(eventType),
    example: eventType.example,
    wireExample: JSON.parse(
      buildWireBody({
        eventType,
        payload: eventType.example,
        messageId: exampleMessageId,
        createdAt: exampleCreatedAt,
        publicUrl,
      }),
    ),
  };
}

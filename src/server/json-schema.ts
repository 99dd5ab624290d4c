import { z } from "zod";

/**
 * A zod schema's request-side JSON Schema, to embed in the OpenAPI document where the generator cannot see it
 * (a record's key schema, a rule checked after a transform); the dialect is the document's, so none is named.
 */
export function requestJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: "input" });
  return jsonSchema;
}

import { z } from "zod";
import { eventTypeNames } from "@/server/catalog";
import { invalidInput } from "@/server/endpoints/validation";
import { idempotencyKeySchema } from "@/server/messages/schemas";

// Inputs that exist only at the HTTP edge (query strings, headers); bodies use the domain's schemas.

export const testEventQuery = z
  .object({ event: z.enum(eventTypeNames).describe("The event type to send (seed 001: ?event=event_name)") })
  .meta({ id: "TestEventQuery" });

export const testEventBody = z
  .strictObject({
    payload: z.unknown().optional().describe("A payload of your own instead of the event type's example; validated against its schema"),
  })
  .default({})
  .meta({ id: "TestEventBody" });

/** `Idempotency-Key` header or `idempotency_key` field; both may be sent only if they agree. */
export function idempotencyKeyFrom(headers: Headers, fromBody: string | undefined): string | undefined {
  const raw = headers.get("idempotency-key");
  if (raw === null) return fromBody;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error.issues.map((issue) => ({ path: ["Idempotency-Key"], message: issue.message })));
  if (fromBody !== undefined && fromBody !== parsed.data) {
    throw invalidInput([{ path: ["idempotency_key"], message: "differs from the Idempotency-Key header; send one or make them equal" }]);
  }
  return parsed.data;
}

/** A batch has no one key: each message carries its own `idempotency_key`, so the header would be ignored. */
export function refuseIdempotencyKeyHeader(headers: Headers): void {
  if (headers.get("idempotency-key") !== null) {
    throw invalidInput([{ path: ["Idempotency-Key"], message: "names one request; in a batch each message carries its own idempotency_key" }]);
  }
}

import { z } from "zod";
import { cursorSchema } from "@/server/pagination/keyset-cursor";
import { deliveryStatusSchema } from "@/server/messages/schemas";

const uuid = z.string().uuid("must be a UUID");

/** Filters of the delivery log, as use cases take them (portal, tRPC). */
export const deliveryFilters = z.object({
  endpointId: uuid.optional(),
  messageId: uuid.optional(),
  status: deliveryStatusSchema.optional(),
  eventType: z.string().min(1).max(100).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type DeliveryFilters = z.input<typeof deliveryFilters>;

/** An RFC 3339 date-time, as the document's `format: date-time` promises: anything else is a 422. */
const dateTimeParam = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time with a time zone, like 2025-03-01T00:00:00Z" })
  .transform((value) => new Date(value));

/** The same filters as REST query parameters (`GET /api/v2/webhook_endpoint/{id}/logs?status=failed…`). */
export const listDeliveriesQuery = z
  .object({
    status: deliveryStatusSchema.optional(),
    event_type: z.string().min(1).max(100).optional(),
    since: dateTimeParam.optional(),
    until: dateTimeParam.optional(),
    cursor: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict()
  .transform(({ event_type, ...rest }) => ({ ...rest, eventType: event_type }));

export const attemptDto = z.object({
  id: z.string(),
  number: z.number().int(),
  created_at: z.date(),
  request: z.object({ url: z.string(), headers: z.record(z.string(), z.string()), body: z.string() }),
  response: z
    .object({
      status: z.number().int(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      body_truncated: z.boolean(),
    })
    .nullable(),
  duration_ms: z.number().int(),
  succeeded: z.boolean(),
  error_class: z.string().nullable(),
  error_message: z.string().nullable(),
  retry_after_seconds: z
    .number()
    .int()
    .nullable()
    .describe("The receiver's Retry-After (429/503) as honoured, capped: the next attempt waited at least this long"),
});
export type AttemptDto = z.infer<typeof attemptDto>;

export const deliveryDto = z.object({
  id: z.string(),
  task_id: z.string(),
  message_id: z.string(),
  endpoint_id: z.string(),
  event_type: z.string(),
  status: deliveryStatusSchema,
  attempt_count: z.number().int(),
  next_attempt_at: z.date().nullable(),
  last_attempt_at: z.date().nullable(),
  completed_at: z.date().nullable(),
  last_error: z.string().nullable(),
  retry_of: z.string().nullable(),
  is_test: z.boolean(),
  created_at: z.date(),
  payload: z.unknown(),
  attempts: z.array(attemptDto),
});
export type DeliveryDto = z.infer<typeof deliveryDto>;

export const retryDeliveryInput = z.object({ delivery_id: uuid });
export const recoverFailedDeliveriesInput = z.object({ endpoint_id: uuid, since: z.coerce.date() });
export const sendTestEventInput = z.object({
  endpoint_id: uuid,
  event_type: z.string().min(1).max(100),
  payload: z.unknown().optional(),
});

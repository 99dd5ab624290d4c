import { z } from "zod";
import { defineEventType, isoDateTime } from "./event-type";

// Hookline's own events about the health of a tenant's endpoints and deliveries. Tenants and the operator
// subscribe to them like to any event; nobody publishes them but Hookline (see emit-operational-event.ts).

const operationalWireFormat = { kind: "envelope", apiVersion: "v1", groupType: "operational" } as const;
const group = "Operational (sent by Hookline)";

const endpointFields = {
  tenant_id: z.guid().describe("The tenant the endpoint belongs to"),
  endpoint_id: z.guid().describe("The endpoint this event is about"),
  endpoint_url: z.string().describe("The endpoint's URL, without credentials or query"),
};

const exampleEndpoint = {
  tenant_id: "7d3c5a8e-2f41-4b6a-9c1d-0e5f3a2b7c90",
  endpoint_id: "1f0e9d8c-7b6a-4954-8372-615049382716",
  endpoint_url: "https://hooks.example.com/webhooks",
};

export const endpointDisabled = defineEventType({
  name: "endpoint.disabled",
  group,
  description: "An endpoint was disabled: automatically after failing too long or answering 410 Gone, or by hand.",
  wireFormat: operationalWireFormat,
  schema: z.strictObject({
    ...endpointFields,
    trigger: z.enum(["automatic", "manual"]).describe("Hookline disabled it (failures, 410 Gone) or someone switched it off"),
    reason: z.string().describe("Why, in words"),
    disabled_at: isoDateTime,
    failing_since: isoDateTime.nullable().describe("Start of the failures that led to it, for an automatic disable"),
  }),
  example: {
    ...exampleEndpoint,
    trigger: "automatic",
    reason: "Disabled automatically: every delivery failed since 2026-11-26T09:00:00.000Z",
    disabled_at: "2026-12-01T09:00:00.000Z",
    failing_since: "2026-11-26T09:00:00.000Z",
  },
});

export const endpointFailing = defineEventType({
  name: "endpoint.failing",
  group,
  description: "An endpoint's attempts failed many times in a row (HOOKLINE_FAILING_AFTER_FAILURES); sent once per failing episode.",
  wireFormat: operationalWireFormat,
  schema: z.strictObject({
    ...endpointFields,
    consecutive_failures: z.number().int().positive().describe("Failed attempts in a row when the event was sent"),
    failing_since: isoDateTime.describe("The first failure of the episode"),
    last_error: z.string().nullable().describe("What the last attempt got"),
  }),
  example: { ...exampleEndpoint, consecutive_failures: 5, failing_since: "2026-12-01T08:55:00.000Z", last_error: "HTTP 503" },
});

export const endpointRecovered = defineEventType({
  name: "endpoint.recovered",
  group,
  description: "An endpoint that was failing (or disabled after failing, then switched back on) accepted a delivery again.",
  wireFormat: operationalWireFormat,
  schema: z.strictObject({
    ...endpointFields,
    failing_since: isoDateTime.nullable().describe("The first failure of the episode that ended"),
    recovered_at: isoDateTime,
  }),
  example: { ...exampleEndpoint, failing_since: "2026-12-01T08:55:00.000Z", recovered_at: "2026-12-01T09:20:00.000Z" },
});

export const messageAttemptExhausted = defineEventType({
  name: "message.attempt.exhausted",
  group,
  description: "A delivery gave up: its endpoint's retries were spent (or it answered 410 Gone) without a success.",
  wireFormat: operationalWireFormat,
  schema: z.strictObject({
    ...endpointFields,
    message_id: z.guid(),
    delivery_id: z.guid(),
    event_type: z.string().describe("The event type of the message that was not delivered"),
    attempts: z.number().int().positive(),
    last_response_status: z.number().int().nullable().describe("HTTP status of the last attempt; null when no response came"),
    last_error: z.string().nullable(),
  }),
  example: {
    ...exampleEndpoint,
    message_id: "44a85f64-5717-4562-b3fc-2c963f66af44",
    delivery_id: "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
    event_type: "user.created",
    attempts: 6,
    last_response_status: 503,
    last_error: "HTTP 503",
  },
});

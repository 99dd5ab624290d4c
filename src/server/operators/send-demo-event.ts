import type { Actor } from "@/server/access/caller";
import { findEventType } from "@/server/catalog";
import type { Db } from "@/server/db/client";
import { sendTestEvent } from "@/server/deliveries/send-test-event";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createInspectorBin } from "@/server/inspector/create-inspector-bin";
import { validateEventPayload } from "@/server/messages/validate-event-payload";
import { demoEventDto, sendDemoEventInput, type DemoEventDto, type SendDemoEventInput } from "./schemas";

/**
 * The product team demoing: one catalog event, with its example payload, to an endpoint of the tenant or
 * to a capture URL made for the occasion. Sent as a test event, so it never counts against the tenant's
 * health; the returned delivery can be watched until it settles.
 */
export async function sendDemoEvent({ db, tenantId, input, actor, publicUrl, encryptionKey }: {
  db: Db;
  tenantId: string;
  input: SendDemoEventInput;
  actor: Actor;
  /** the app's public origin: a new capture URL points at its own inspector */
  publicUrl: string;
  encryptionKey: Buffer;
}): Promise<DemoEventDto> {
  const { event_type, target } = sendDemoEventInput.parse(input);
  // an unknown event type is refused before a capture URL is made for it
  validateEventPayload(event_type, findEventType(event_type)?.example);
  let endpointId: string;
  let captureUrl: string | null = null;
  if (target.kind === "endpoint") {
    endpointId = target.endpoint_id;
  } else {
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "Operator demo" } });
    // subscribed to nothing: only demo and test events reach it, never the tenant's real traffic
    const endpoint = await createEndpoint({
      db,
      tenantId,
      encryptionKey,
      actor,
      input: { url: bin.captureUrl, description: "Operator demo: the built-in inspector", enabled_events: [] },
    });
    endpointId = endpoint.id;
    captureUrl = bin.captureUrl;
  }
  const { message } = await sendTestEvent({ db, tenantId, endpointId, eventType: event_type });
  return demoEventDto.parse({ delivery_id: message.deliveries[0]!.id, message_id: message.id, endpoint_id: endpointId, capture_url: captureUrl });
}

import { createHash } from "node:crypto";
import { Inngest } from "inngest";

export const INNGEST_APP_ID = "hookline";

/** Asks the batch deliver function for the first attempt of each of these deliveries. */
export const DELIVERIES_REQUESTED = "hookline/deliveries.requested";

export type DeliveriesRequestedData = { deliveryIds: string[] };

export function deliveriesRequestedEvent(deliveryIds: readonly string[]) {
  return {
    // Inngest (and the embedded executor) ignore a second event with the same id, so sending the same
    // deliveries again (a retried send) never starts a second run for them.
    id: `deliveries-${createHash("sha256").update(deliveryIds.join(",")).digest("base64url").slice(0, 32)}`,
    name: DELIVERIES_REQUESTED,
    data: { deliveryIds: [...deliveryIds] } satisfies DeliveriesRequestedData,
  };
}

/** Hands one delivery to the per-delivery function, which waits, then attempts from `attemptIndex` on. */
export const DELIVERY_REQUESTED = "hookline/delivery.requested";

export type DeliveryRequestedData = { deliveryId: string; tenantId: string; attemptIndex: number; waitSeconds: number };

export function deliveryRequestedEvent(handover: DeliveryRequestedData) {
  return {
    // one run per delivery and starting attempt, however often the handover is sent
    id: `delivery-${handover.deliveryId}-from-${handover.attemptIndex}`,
    name: DELIVERY_REQUESTED,
    data: handover,
  };
}

/** Asks the ordered deliver function for one delivery whose turn has come in its lane (endpoint and ordering key). */
export const ORDERED_DELIVERY_REQUESTED = "hookline/ordered-delivery.requested";

export type OrderedDeliveryRequestedData = { deliveryId: string; tenantId: string; endpointId: string; orderingKey: string };

export function orderedDeliveryRequestedEvent(data: OrderedDeliveryRequestedData) {
  // the lane's head may be asked for more than once (at publish, by its predecessor, by the sweep): one run
  return { id: `ordered-delivery-${data.deliveryId}`, name: ORDERED_DELIVERY_REQUESTED, data };
}

let client: Inngest | undefined;

/**
 * The Inngest client, created on first use: in embedded mode the executor's address and keys are put in
 * the environment when the server starts, and the SDK reads them when the client is built. (Next may
 * evaluate this module more than once per process; a few clients with the same settings are harmless.)
 */
export function getInngest(): Inngest {
  return (client ??= new Inngest({ id: INNGEST_APP_ID }));
}

import { Inngest } from "inngest";

export const INNGEST_APP_ID = "hookline";

/** Asks the deliver function to work through one delivery; the event id makes re-sends harmless. */
export const DELIVERY_REQUESTED = "hookline/delivery.requested";

export type DeliveryRequestedData = { deliveryId: string; tenantId: string };

export function deliveryRequestedEvent(delivery: { id: string; tenantId: string }) {
  return {
    // Inngest (and the embedded executor) ignore a second event with the same id, so the sweep and a
    // slow first send can never start two runs for one delivery.
    id: `delivery-${delivery.id}`,
    name: DELIVERY_REQUESTED,
    data: { deliveryId: delivery.id, tenantId: delivery.tenantId } satisfies DeliveryRequestedData,
  };
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

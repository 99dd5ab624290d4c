import type { Db } from "@/server/db/client";
import { getInngest, orderedDeliveryRequestedEvent, type OrderedDeliveryRequestedData } from "@/server/inngest/client";

/** An endpoint's deliveries of one ordering key: attempted one after another, in publish order. */
export type OrderingLane = { endpointId: string; orderingKey: string };

/**
 * Hands each lane's head — its unfinished delivery published first — to the ordered deliver function. Called
 * when keyed deliveries are committed and whenever one finishes, so a lane never waits on a lost signal: if a
 * delivery is committed while its predecessor finishes, one of the two calls sees it as the head (each reads
 * after its own write committed). A head already handed over is asked for again under the same event id,
 * which Inngest ignores; so one run per delivery, and within a lane one at a time.
 */
export async function startOrderedDeliveries({ db, lanes }: { db: Db; lanes: OrderingLane[] }): Promise<OrderedDeliveryRequestedData[]> {
  const distinct = [...new Map(lanes.map((lane) => [JSON.stringify([lane.endpointId, lane.orderingKey]), lane])).values()];
  if (!distinct.length) return [];
  // per lane and unfinished status the lowest sequence is one index probe; the lower of the two is the head
  const heads = await db.$queryRaw<{ id: string; tenant_id: string; endpoint_id: string; ordering_key: string }[]>`
    SELECT head.id::text, head.tenant_id::text, head.endpoint_id::text, head.ordering_key
    FROM jsonb_to_recordset(${JSON.stringify(distinct.map((lane) => ({ endpoint_id: lane.endpointId, ordering_key: lane.orderingKey })))}::jsonb)
      AS lane(endpoint_id uuid, ordering_key text)
    CROSS JOIN LATERAL (
      SELECT d.id, d.tenant_id, d.endpoint_id, d.ordering_key, d.ordering_sequence FROM (
        (SELECT * FROM deliveries WHERE endpoint_id = lane.endpoint_id AND ordering_key = lane.ordering_key AND status = 'pending'
         ORDER BY ordering_sequence LIMIT 1)
        UNION ALL
        (SELECT * FROM deliveries WHERE endpoint_id = lane.endpoint_id AND ordering_key = lane.ordering_key AND status = 'delivering'
         ORDER BY ordering_sequence LIMIT 1)
      ) d ORDER BY d.ordering_sequence LIMIT 1
    ) head`;
  const requests = heads.map((head) => ({ deliveryId: head.id, tenantId: head.tenant_id, endpointId: head.endpoint_id, orderingKey: head.ordering_key }));
  if (requests.length) await getInngest().send(requests.map(orderedDeliveryRequestedEvent));
  return requests;
}

import { listEventTypes, toEventTypeDto } from "@/server/catalog";
import { env } from "@/server/env";
import { eventTypesUrl } from "./links";
import { subscriptionEventTypeListDto, type SubscriptionEventTypeListDto } from "./schemas";

/** Seed 004 `GET /events/types`: every event type a subscription can name, in one page. */
export function listSubscriptionEventTypes({ publicUrl = env().publicUrl }: { publicUrl?: string } = {}): SubscriptionEventTypeListDto {
  const data = listEventTypes().map((eventType) => {
    const { name, group, description, example, wireExample } = toEventTypeDto(eventType, { publicUrl });
    return { type: "eventType", id: name, group, description, example, wireExample };
  });
  return subscriptionEventTypeListDto.parse({
    type: "list",
    count: data.length,
    size: data.length,
    data,
    links: { self: eventTypesUrl(publicUrl), next: null },
  });
}

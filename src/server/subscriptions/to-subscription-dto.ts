import type { EndpointDto } from "@/server/endpoints/schemas";
import { subscriptionUrl } from "./links";
import { subscriptionDto, type SubscriptionDto } from "./schemas";

/** An endpoint has no name column; a subscription's name is kept in its metadata, where seed 001 shows it too. */
export const SUBSCRIPTION_NAME_KEY = "name";

/** The metadata with the subscription's name set, or removed for null. */
export function metadataWithName(metadata: Record<string, string>, name: string | null): Record<string, string> {
  const { [SUBSCRIPTION_NAME_KEY]: _previous, ...rest } = metadata;
  return name === null ? rest : { ...rest, [SUBSCRIPTION_NAME_KEY]: name };
}

function statusOf(endpoint: Pick<EndpointDto, "is_active" | "disabled_at">): SubscriptionDto["status"] {
  if (endpoint.disabled_at) return "disabled";
  return endpoint.is_active ? "active" : "inactive";
}

/** The endpoint as seed 004 shows it; `secret` only in answers to writes (see the schema). */
export function toSubscriptionDto(endpoint: EndpointDto, { publicUrl, secret = null }: { publicUrl: string; secret?: string | null }): SubscriptionDto {
  return subscriptionDto.parse({
    type: "webhook",
    id: endpoint.id,
    name: endpoint.metadata[SUBSCRIPTION_NAME_KEY] ?? null,
    description: endpoint.description || null,
    url: endpoint.url,
    status: statusOf(endpoint),
    subscribedEvents: endpoint.enabled_events,
    secret,
    links: { self: subscriptionUrl(publicUrl, endpoint.id) },
  });
}

import type { Endpoint } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { eventTypeNames } from "@/server/catalog";
import { notFound } from "@/server/errors";
import type { Tx } from "./endpoint-records";
import { primaryWebhookDto, type PrimaryWebhookDto } from "./primary-webhook-schemas";
import { ALL_EVENTS } from "./schemas";

export async function findPrimaryWebhook(db: Db | Tx, tenantId: string): Promise<Endpoint | null> {
  return db.endpoint.findFirst({ where: { tenantId, isPrimary: true, deletedAt: null }, orderBy: { createdAt: "asc" } });
}

export async function requirePrimaryWebhook(db: Db | Tx, tenantId: string): Promise<Endpoint> {
  const endpoint = await findPrimaryWebhook(db, tenantId);
  if (!endpoint) throw notFound("Webhook (create it with PUT /api/v2/webhook)");
  return endpoint;
}

/** A scheme that signs or sends the token: anything but `token` and `none` counts as a signature. */
export function signatureEnabled(endpoint: Pick<Endpoint, "signatureScheme">): boolean {
  return endpoint.signatureScheme !== "token" && endpoint.signatureScheme !== "none";
}

export function toPrimaryWebhookDto(endpoint: Endpoint): PrimaryWebhookDto {
  const all = endpoint.enabledEvents.includes(ALL_EVENTS);
  return primaryWebhookDto.parse({
    id: endpoint.id,
    url: endpoint.url,
    ...Object.fromEntries(eventTypeNames.map((name) => [name, all || endpoint.enabledEvents.includes(name)])),
    signature_enabled: signatureEnabled(endpoint),
  });
}

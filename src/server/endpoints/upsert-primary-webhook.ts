import { systemActor, type Actor } from "@/server/access/caller";
import { loggableUrl, recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { eventTypeNames, type EventTypeName } from "@/server/catalog";
import { env } from "@/server/env";
import { insertEndpoint } from "./create-endpoint";
import { lockEndpoint, lockTenant } from "./endpoint-records";
import { upsertPrimaryWebhookInput, type PrimaryWebhookDto, type UpsertPrimaryWebhookInput } from "./primary-webhook-schemas";
import { findPrimaryWebhook, toPrimaryWebhookDto } from "./primary-webhook-records";
import { ALL_EVENTS } from "./schemas";
import { applyEndpointUpdate } from "./update-endpoint";
import { invalidInput } from "./validation";

function schemeFor(signatureEnabled: boolean) {
  return signatureEnabled ? "hmac" : "token";
}

/** The event names switched on after applying the request's booleans to what is enabled now. */
function enabledAfter(current: readonly string[], flags: Partial<Record<EventTypeName, boolean | undefined>>): EventTypeName[] {
  const on = new Set<string>(current.includes(ALL_EVENTS) ? eventTypeNames : current);
  for (const name of eventTypeNames) {
    if (flags[name] === true) on.add(name);
    if (flags[name] === false) on.delete(name);
  }
  return eventTypeNames.filter((name) => on.has(name));
}

/**
 * Seed 002 `PUT /api/v2/webhook`: creates the tenant's primary webhook (url and signature_enabled required,
 * every event off unless set) or updates it (only what is sent changes). The tenant row is locked so two
 * first PUTs cannot create two primary webhooks.
 */
export async function upsertPrimaryWebhook({
  db,
  tenantId,
  input,
  encryptionKey = env().encryptionKey,
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  input: UpsertPrimaryWebhookInput;
  encryptionKey?: Buffer;
  actor?: Actor;
}): Promise<PrimaryWebhookDto> {
  const { url, signature_enabled, ...flags } = upsertPrimaryWebhookInput.parse(input);
  const endpoint = await db.$transaction(async (tx) => {
    await lockTenant(tx, tenantId);
    const existing = await findPrimaryWebhook(tx, tenantId);
    if (!existing) {
      const missing = [
        ...(url === undefined ? [{ path: ["url"], message: "is required to create the webhook" }] : []),
        ...(signature_enabled === undefined ? [{ path: ["signature_enabled"], message: "is required to create the webhook (true or false)" }] : []),
      ];
      if (missing.length) throw invalidInput(missing);
      const created = await insertEndpoint(tx, {
        tenantId,
        isPrimary: true,
        encryptionKey,
        input: {
          url,
          description: "Primary webhook",
          enabled_events: enabledAfter([], flags),
          signature_scheme: schemeFor(signature_enabled!),
        },
      });
      await recordActivity({ db: tx, tenantId, actor, action: "primary_webhook.created", targetId: created.id, summary: `Created the primary webhook ${loggableUrl(created.url)}` });
      return created;
    }
    const current = await lockEndpoint(tx, { tenantId, endpointId: existing.id });
    const updated = await applyEndpointUpdate(tx, {
      tenantId,
      current,
      encryptionKey,
      input: {
        url,
        enabled_events: enabledAfter(current.enabledEvents, flags),
        signature_scheme: signature_enabled === undefined ? undefined : schemeFor(signature_enabled),
      },
    });
    await recordActivity({ db: tx, tenantId, actor, action: "primary_webhook.updated", targetId: updated.id, summary: `Updated the primary webhook ${loggableUrl(updated.url)}` });
    return updated;
  });
  return toPrimaryWebhookDto(endpoint);
}

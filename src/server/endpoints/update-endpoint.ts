import { systemActor, type Actor } from "@/server/access/caller";
import { loggableUrl, recordActivity } from "@/server/activity/record-activity";
import type { Prisma } from "@/generated/prisma/client";
import { unseal } from "@/server/crypto/sealed-box";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { enqueueDeliveriesAfterCommit } from "@/server/deliveries/enqueue-deliveries";
import { emitOperationalEvent } from "@/server/operational-events/emit-operational-event";
import { cancelPendingDeliveries } from "./cancel-pending-deliveries";
import { currentSecretRow, issueSecret, lockEndpoint, retireSecrets, secretFitsScheme, type Tx } from "./endpoint-records";
import { storedPayloadFilter } from "./stored-payload-filter";
import { assertNoHeaderConflicts, sealAuthSettings } from "./receiver-auth-settings";
import { joinEndpointUrl, movesToAnotherOrigin, updateEndpointInput, type EndpointDto, type UpdateEndpointInput } from "./schemas";
import { toEndpointDto, unsealAuthSettings } from "./to-endpoint-dto";
import { invalidInput } from "./validation";

type EndpointRow = Awaited<ReturnType<typeof lockEndpoint>>;

function nextUrl(current: EndpointRow, data: ReturnType<typeof updateEndpointInput.parse>) {
  if (data.url) return { url: data.url, baseUrl: null, relativePath: null };
  if (data.base_url) {
    const relativePath = data.relative_path !== undefined ? data.relative_path : current.relativePath;
    return { url: joinEndpointUrl(data.base_url, relativePath), baseUrl: data.base_url, relativePath };
  }
  if (data.relative_path !== undefined) {
    if (!current.baseUrl) throw invalidInput([{ path: ["relative_path"], message: "needs base_url (this endpoint has a plain url)" }]);
    return { url: joinEndpointUrl(current.baseUrl, data.relative_path), baseUrl: current.baseUrl, relativePath: data.relative_path };
  }
  return {};
}

/** Changes what was sent and keeps the rest; stored at once with secret and delivery consequences. */
export async function applyEndpointUpdate(
  tx: Tx,
  { tenantId, current, input, encryptionKey }: { tenantId: string; current: EndpointRow; input: UpdateEndpointInput; encryptionKey: Buffer },
) {
  const data = updateEndpointInput.parse(input);
  const url = nextUrl(current, data);
  // credentials entered for one receiver must not be sent to whichever host the URL is changed to
  // (whoever may edit an endpoint need not know them): another origin gets only credentials given now
  const movesOrigin = movesToAnotherOrigin(current.url, url.url);
  const authType = data.auth_type ?? (movesOrigin && data.auth_settings === undefined ? "None" : current.authType);
  const startsAfresh = authType !== current.authType || movesOrigin;
  // otherwise the same auth type keeps its stored credentials unless replaced, so a PUT need not repeat secrets
  const authSettings = startsAfresh
    ? ((data.auth_settings ?? {}) as Record<string, unknown>)
    : { ...unsealAuthSettings(current, encryptionKey), ...(data.auth_settings ?? {}) };
  const customHeaders = data.custom_headers ?? (current.customHeaders as Record<string, string>);
  assertNoHeaderConflicts({ custom_headers: customHeaders, auth_type: authType, auth_settings: authSettings });
  const authSettingsSealed =
    startsAfresh || data.auth_settings !== undefined
      ? sealAuthSettings(authType, authSettings, encryptionKey, { tenantId, endpointId: current.id })
      : undefined;

  const reactivated = data.is_active === true;
  const deactivated = data.is_active === false && current.isActive;
  const endpoint = await tx.endpoint.update({
    where: { id: current.id },
    data: {
      ...url,
      description: data.description,
      isActive: data.is_active,
      enabledEvents: data.enabled_events,
      customHeaders: data.custom_headers as Prisma.InputJsonObject | undefined,
      metadata: data.metadata as Prisma.InputJsonObject | undefined,
      authType,
      authSettingsSealed,
      signatureScheme: data.signature_scheme,
      retryCount: data.retry_count,
      retryIntervalSeconds: data.retry_interval,
      backoff: data.backoff,
      timeoutMs: data.timeout_ms,
      rateLimitPerSecond: data.rate_limit_per_second,
      ...(data.filter !== undefined && storedPayloadFilter(data.filter)),
      // turning an endpoint back on is the tenant's answer to an automatic disable; its first success then
      // ends the episode the disable reported (endpoint.recovered)
      ...(reactivated && {
        disabledAt: null,
        disabledReason: null,
        failingSince: null,
        consecutiveFailures: 0,
        failingAlertedAt: current.failingAlertedAt ?? current.disabledAt,
      }),
    },
  });

  if (data.signature_scheme && data.signature_scheme !== current.signatureScheme) {
    const secret = await currentSecretRow(tx, current.id);
    if (!secret || !secretFitsScheme(unseal(secret.sealed, encryptionKey, { purpose: "endpoint-secret", tenantId, endpointId: current.id }), data.signature_scheme)) {
      // a secret the new scheme cannot use would fail every delivery: replace it now, no overlap
      await retireSecrets(tx, { endpointId: current.id, until: new Date() });
      await issueSecret(tx, { tenantId, endpointId: current.id, scheme: data.signature_scheme, encryptionKey });
    }
  }
  if (deactivated) await cancelPendingDeliveries(tx, { tenantId, endpointId: current.id, reason: "endpoint deactivated" });
  return endpoint;
}

/** Seed 001 `PUT /api/v2/webhook_endpoint/{id}`: partial update of one of the tenant's endpoints. */
export async function updateEndpoint({
  db,
  tenantId,
  endpointId,
  input,
  encryptionKey = env().encryptionKey,
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  endpointId: string;
  input: UpdateEndpointInput;
  encryptionKey?: Buffer;
  actor?: Actor;
}): Promise<EndpointDto> {
  const { endpoint, operationalDeliveries } = await db.$transaction(async (tx) => {
    const current = await lockEndpoint(tx, { tenantId, endpointId });
    const updated = await applyEndpointUpdate(tx, { tenantId, current, input, encryptionKey });
    await recordActivity({ db: tx, tenantId, actor, action: "endpoint.updated", targetId: endpointId, summary: `Changed ${changedFields(input)} of endpoint ${loggableUrl(updated.url)}` });
    const switchedOff = current.isActive && !updated.isActive;
    return { endpoint: updated, operationalDeliveries: switchedOff ? await reportSwitchedOff(tx, { endpoint: updated, actor }) : [] };
  });
  if (operationalDeliveries.length) await enqueueDeliveriesAfterCommit({ db, deliveries: operationalDeliveries });
  return toEndpointDto(endpoint, encryptionKey);
}

/** `endpoint.disabled` for an endpoint someone switched off. */
function reportSwitchedOff(tx: Tx, { endpoint, actor }: { endpoint: EndpointRow; actor: Actor }) {
  return emitOperationalEvent(tx, {
    tenantId: endpoint.tenantId,
    eventType: "endpoint.disabled",
    payload: {
      tenant_id: endpoint.tenantId,
      endpoint_id: endpoint.id,
      endpoint_url: loggableUrl(endpoint.url),
      trigger: "manual",
      reason: `Switched off by ${actor.label}`,
      disabled_at: endpoint.updatedAt.toISOString(),
      failing_since: null,
    },
    key: `endpoint.disabled:${endpoint.id}:${endpoint.updatedAt.toISOString()}`,
  });
}

/** The fields a change names, for the activity log: names only, never values (they may hold credentials). */
function changedFields(input: UpdateEndpointInput): string {
  const fields = Object.entries(input).filter(([, value]) => value !== undefined).map(([field]) => field);
  return fields.length ? fields.join(", ") : "nothing";
}

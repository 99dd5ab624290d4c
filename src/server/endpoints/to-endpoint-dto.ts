import type { Endpoint } from "@/generated/prisma/client";
import { unseal } from "@/server/crypto/sealed-box";
import { endpointDto, type EndpointDto } from "./schemas";

/** Endpoints as use cases read them: never deleted ones. */
export const liveEndpoint = { deletedAt: null } as const;

/** Decrypted receiver credentials; only for the delivery and for merging an update. */
export function unsealAuthSettings(endpoint: Pick<Endpoint, "id" | "tenantId" | "authSettingsSealed">, encryptionKey: Buffer): Record<string, unknown> {
  if (!endpoint.authSettingsSealed) return {};
  const context = { purpose: "endpoint-auth-settings", tenantId: endpoint.tenantId, endpointId: endpoint.id } as const;
  return JSON.parse(unseal(endpoint.authSettingsSealed, encryptionKey, context)) as Record<string, unknown>;
}

function redactedAuthSettings(endpoint: Endpoint, encryptionKey: Buffer): EndpointDto["auth_settings"] {
  if (endpoint.authType === "ApiKey" || endpoint.authType === "Basic") {
    const settings = unsealAuthSettings(endpoint, encryptionKey);
    return endpoint.authType === "ApiKey"
      ? { headerName: String(settings.headerName ?? "") }
      : { username: String(settings.username ?? "") };
  }
  return {};
}

function stringRecord(value: unknown): Record<string, string> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, string>) : {};
}

/** The endpoint as every edge shows it; parsed by the DTO schema so nothing else can slip out. */
export function toEndpointDto(endpoint: Endpoint, encryptionKey: Buffer): EndpointDto {
  return endpointDto.parse({
    id: endpoint.id,
    url: endpoint.url,
    base_url: endpoint.baseUrl,
    relative_path: endpoint.relativePath,
    description: endpoint.description,
    is_active: endpoint.isActive,
    enabled_events: endpoint.enabledEvents,
    custom_headers: stringRecord(endpoint.customHeaders),
    metadata: stringRecord(endpoint.metadata),
    auth_type: endpoint.authType,
    auth_settings: redactedAuthSettings(endpoint, encryptionKey),
    signature_scheme: endpoint.signatureScheme,
    retry_count: endpoint.retryCount,
    retry_interval: endpoint.retryIntervalSeconds,
    backoff: endpoint.backoff,
    timeout_ms: endpoint.timeoutMs,
    rate_limit_per_second: endpoint.rateLimitPerSecond,
    filter: endpoint.payloadFilter,
    primary: endpoint.isPrimary,
    disabled_reason: endpoint.disabledReason,
    disabled_at: endpoint.disabledAt,
    failing_since: endpoint.failingSince,
    consecutive_failures: endpoint.consecutiveFailures,
    failing_alerted_at: endpoint.failingAlertedAt,
    recovered_at: endpoint.recoveredAt,
    created_at: endpoint.createdAt,
    updated_at: endpoint.updatedAt,
  });
}

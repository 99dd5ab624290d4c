import type { Db } from "@/server/db/client";
import type { Delivery, Endpoint, Message } from "@/generated/prisma/client";

export type DeliveryForAttempt = {
  delivery: Pick<Delivery, "id" | "tenantId" | "status" | "attemptCount" | "isTest" | "nextAttemptAt">;
  endpoint: Pick<
    Endpoint,
    | "id"
    | "url"
    | "isActive"
    | "customHeaders"
    | "authType"
    | "authSettingsSealed"
    | "signatureScheme"
    | "retryCount"
    | "retryIntervalSeconds"
    | "backoff"
    | "timeoutMs"
    | "rateLimitPerSecond"
    | "disabledReason"
    | "disabledAt"
    | "failingSince"
    | "failingAlertedAt"
    | "deletedAt"
  >;
  message: Pick<Message, "id" | "eventType" | "payload" | "createdAt">;
  /**
   * Sealed secrets that sign a request sent `now`: the current one first, then rotated ones still in their
   * overlap window, newest first — the order loadSigningSecrets returns and signatureHeaders expects.
   */
  sealedSecrets: string[];
};

type Row = {
  id: string;
  tenant_id: string;
  status: Delivery["status"];
  attempt_count: number;
  is_test: boolean;
  next_attempt_at_ms: number | null;
  endpoint_id: string;
  url: string;
  is_active: boolean;
  custom_headers: unknown;
  auth_type: Endpoint["authType"];
  auth_settings_sealed: string | null;
  signature_scheme: Endpoint["signatureScheme"];
  retry_count: number;
  retry_interval_seconds: number;
  backoff: Endpoint["backoff"];
  timeout_ms: number;
  rate_limit_per_second: number | null;
  disabled_reason: string | null;
  disabled_at_ms: number | null;
  failing_since_ms: number | null;
  failing_alerted_at_ms: number | null;
  deleted_at_ms: number | null;
  message_id: string;
  event_type: string;
  payload: unknown;
  message_created_at_ms: number;
  sealed_secrets: string[] | null;
};

/** json columns of raw queries arrive parsed from one driver adapter and as text from another */
const jsonColumn = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);
const dateColumn = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)));

/**
 * Everything the attempts of these deliveries need — each delivery, its endpoint, its message and the
 * endpoint's signing secrets — in one statement: this runs for every attempt, the hottest read of the pipeline.
 * Deliveries that no longer exist are absent from the map.
 */
export async function loadDeliveriesForAttempt(db: Db, deliveryIds: readonly string[], now: Date): Promise<Map<string, DeliveryForAttempt>> {
  const loaded = new Map<string, DeliveryForAttempt>();
  if (!deliveryIds.length) return loaded;
  const rows = await db.$queryRaw<Row[]>`
    SELECT d.id, d.tenant_id, d.status::text AS status, d.attempt_count, d.is_test,
           (extract(epoch FROM d.next_attempt_at) * 1000)::float8 AS next_attempt_at_ms,
           e.id AS endpoint_id, e.url, e.is_active, e.custom_headers, e.auth_type::text AS auth_type,
           e.auth_settings_sealed, e.signature_scheme::text AS signature_scheme, e.retry_count,
           e.retry_interval_seconds, e.backoff::text AS backoff, e.timeout_ms, e.rate_limit_per_second,
           e.disabled_reason,
           (extract(epoch FROM e.disabled_at) * 1000)::float8 AS disabled_at_ms,
           (extract(epoch FROM e.failing_since) * 1000)::float8 AS failing_since_ms,
           (extract(epoch FROM e.failing_alerted_at) * 1000)::float8 AS failing_alerted_at_ms,
           (extract(epoch FROM e.deleted_at) * 1000)::float8 AS deleted_at_ms,
           m.id AS message_id, m.event_type, m.payload,
           (extract(epoch FROM m.created_at) * 1000)::float8 AS message_created_at_ms,
           ARRAY(
             SELECT s.sealed FROM endpoint_secrets s
             WHERE s.endpoint_id = e.id AND s.tenant_id = d.tenant_id
               AND (s.expires_at IS NULL OR s.expires_at > ${now.toISOString()}::timestamp(3))
             ORDER BY s.expires_at IS NOT NULL, s.created_at DESC, s.id DESC
           ) AS sealed_secrets
    FROM deliveries d
    JOIN endpoints e ON e.id = d.endpoint_id
    JOIN messages m ON m.id = d.message_id
    WHERE d.id = ANY(${[...deliveryIds]}::uuid[])`;
  for (const row of rows) loaded.set(row.id, fromRow(row));
  return loaded;
}

export async function loadDeliveryForAttempt(db: Db, deliveryId: string, now: Date): Promise<DeliveryForAttempt | null> {
  return (await loadDeliveriesForAttempt(db, [deliveryId], now)).get(deliveryId) ?? null;
}

function fromRow(row: Row): DeliveryForAttempt {
  return {
    delivery: { id: row.id, tenantId: row.tenant_id, status: row.status, attemptCount: Number(row.attempt_count), isTest: row.is_test,
      nextAttemptAt: dateColumn(row.next_attempt_at_ms),
    },
    endpoint: {
      id: row.endpoint_id,
      url: row.url,
      isActive: row.is_active,
      customHeaders: jsonColumn(row.custom_headers),
      authType: row.auth_type,
      authSettingsSealed: row.auth_settings_sealed,
      signatureScheme: row.signature_scheme,
      retryCount: Number(row.retry_count),
      retryIntervalSeconds: Number(row.retry_interval_seconds),
      backoff: row.backoff,
      timeoutMs: Number(row.timeout_ms),
      rateLimitPerSecond: row.rate_limit_per_second === null ? null : Number(row.rate_limit_per_second),
      disabledReason: row.disabled_reason,
      disabledAt: dateColumn(row.disabled_at_ms),
      failingSince: dateColumn(row.failing_since_ms),
      failingAlertedAt: dateColumn(row.failing_alerted_at_ms),
      deletedAt: dateColumn(row.deleted_at_ms),
    },
    message: { id: row.message_id, eventType: row.event_type, payload: jsonColumn(row.payload), createdAt: dateColumn(row.message_created_at_ms)! },
    sealedSecrets: row.sealed_secrets ?? [],
  };
}

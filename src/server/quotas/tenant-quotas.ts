import type { Db } from "@/server/db/client";
import { lockTenant, type Tx } from "@/server/endpoints/endpoint-records";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import type { TenantQuotas } from "@/server/env-loader";

export type { TenantQuotas };

// globalThis: Next evaluates route modules separately; all of them enforce the same quotas.
const g = globalThis as unknown as { __hooklineTenantQuotas?: TenantQuotas };

/** The quotas in force: the environment's (HOOKLINE_MAX_*), unless a test configured its own. */
export function tenantQuotas(): TenantQuotas {
  return g.__hooklineTenantQuotas ?? env().quotas;
}

/** Replaces some quotas (tests use tiny ones); `null` goes back to the environment's. */
export function configureTenantQuotas(overrides: Partial<TenantQuotas> | null): void {
  g.__hooklineTenantQuotas = overrides ? { ...env().quotas, ...overrides } : undefined;
}

/** The stable names API clients see in `details.quota`. */
const quotaNames: Record<keyof TenantQuotas, string> = {
  endpoints: "endpoints_per_tenant",
  apiKeys: "api_keys_per_tenant",
  inspectorBins: "inspector_bins_per_tenant",
  inspectorBytes: "inspector_bytes_per_tenant",
  deliveriesPerMessage: "deliveries_per_message",
};

export function quotaExceeded(quota: keyof TenantQuotas, message: string): AppError {
  return new AppError("QUOTA_EXCEEDED", message, { quota: quotaNames[quota], limit: tenantQuotas()[quota] });
}

/** The quotas on things a tenant holds, each with how its rows are counted and what to do when it is full. */
const heldThings = {
  endpoints: {
    count: (db: Db | Tx, tenantId: string) => db.endpoint.count({ where: { tenantId, deletedAt: null } }),
    full: (limit: number) => `This tenant has reached its limit of ${limit} endpoints; delete one before adding another`,
  },
  apiKeys: {
    count: (db: Db | Tx, tenantId: string) => db.apiKey.count({ where: { tenantId, revokedAt: null } }),
    full: (limit: number) => `This tenant has reached its limit of ${limit} active API keys; revoke one before creating another`,
  },
  inspectorBins: {
    count: (db: Db | Tx, tenantId: string) => db.inspectorBin.count({ where: { tenantId } }),
    full: (limit: number) => `This tenant has reached its limit of ${limit} inspector bins; delete one before creating another`,
  },
} satisfies Partial<Record<keyof TenantQuotas, unknown>>;

export type HeldQuota = keyof typeof heldThings;

/**
 * Refuses to add one more of something when the tenant already holds its quota. Call it in the transaction
 * that adds the row: the tenant row stays locked until commit, so concurrent additions cannot pass together.
 */
export async function assertRoomForOneMore(tx: Tx, tenantId: string, quota: HeldQuota): Promise<void> {
  await lockTenant(tx, tenantId);
  const held = await heldThings[quota].count(tx, tenantId);
  const limit = tenantQuotas()[quota];
  if (held >= limit) throw quotaExceeded(quota, heldThings[quota].full(limit));
}

export type QuotaUsage = { used: number; limit: number };

/** What the tenant holds against one quota, for the portal to show beside the list. */
export async function getQuotaUsage({ db, tenantId, quota }: { db: Db; tenantId: string; quota: HeldQuota }): Promise<QuotaUsage> {
  return { used: await heldThings[quota].count(db, tenantId), limit: tenantQuotas()[quota] };
}

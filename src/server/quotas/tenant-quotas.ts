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

/** Refuses an action that would take the tenant to `total` of something, beyond its quota; the message says what to do. */
export function assertWithinQuota(quota: keyof TenantQuotas, total: number, message: (limit: number) => string): void {
  const limit = tenantQuotas()[quota];
  if (total > limit) throw quotaExceeded(quota, message(limit));
}

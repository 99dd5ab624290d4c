import { operationalEventTypeNames } from "@/server/catalog";
import { unseal } from "@/server/crypto/sealed-box";
import type { Db } from "@/server/db/client";
import { insertEndpoint } from "@/server/endpoints/create-endpoint";
import { currentSecretRow, issueSecret, retireSecrets } from "@/server/endpoints/endpoint-records";
import { OPERATIONAL_TENANT_SLUG } from "./operational-tenant";

export type OperationalWebhookConfig = { url: string; secret?: string };

/**
 * Makes the operator's tenant and its one endpoint match HOOKLINE_OPERATIONAL_WEBHOOK_URL (and _SECRET) at
 * start-up: created on first use, its URL and subscriptions kept as configured (every operational event),
 * its secret replaced when another is configured. Without a secret configured the generated one stays, shown
 * in the tenant's portal. An automatic disable is left for the operator to lift there, as for any endpoint.
 * Unset, the endpoint is switched off, so nothing goes out until it is configured again.
 */
export async function configureOperationalWebhook({ db, webhook, encryptionKey }: {
  db: Db; webhook: OperationalWebhookConfig | undefined; encryptionKey: Buffer;
}): Promise<{ tenantId: string; endpointId: string } | null> {
  if (!webhook) {
    await db.endpoint.updateMany({ where: { tenant: { slug: OPERATIONAL_TENANT_SLUG }, isActive: true }, data: { isActive: false } });
    return null;
  }
  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.upsert({
      where: { slug: OPERATIONAL_TENANT_SLUG },
      create: { slug: OPERATIONAL_TENANT_SLUG, name: "Hookline operational webhooks" },
      update: {},
    });
    const existing = await tx.endpoint.findFirst({ where: { tenantId: tenant.id, deletedAt: null }, orderBy: { createdAt: "asc" } });
    const endpoint = existing
      ? await tx.endpoint.update({
          where: { id: existing.id },
          data: { url: webhook.url, baseUrl: null, relativePath: null, enabledEvents: operationalEventTypeNames, signatureScheme: "standard", isActive: existing.disabledAt === null },
        })
      : await insertEndpoint(tx, {
          tenantId: tenant.id,
          encryptionKey,
          input: { url: webhook.url, description: "HOOKLINE_OPERATIONAL_WEBHOOK_URL", enabled_events: operationalEventTypeNames, signature_scheme: "standard" },
        });
    if (webhook.secret) {
      const current = await currentSecretRow(tx, endpoint.id);
      const currentSecret = current && unseal(current.sealed, encryptionKey, { purpose: "endpoint-secret", tenantId: tenant.id, endpointId: endpoint.id });
      if (currentSecret !== webhook.secret) {
        await retireSecrets(tx, { endpointId: endpoint.id, until: new Date() });
        await issueSecret(tx, { tenantId: tenant.id, endpointId: endpoint.id, scheme: "standard", encryptionKey, secret: webhook.secret });
      }
    }
    return { tenantId: tenant.id, endpointId: endpoint.id };
  });
}

import type { Endpoint, Prisma, SignatureScheme } from "@/generated/prisma/client";
import { seal } from "@/server/crypto/sealed-box";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { generateSecret } from "@/server/signing";

export type Tx = Prisma.TransactionClient;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names no row: NOT_FOUND, like another tenant's id, never a database error. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/**
 * Loads the tenant's live endpoint and holds its row lock until the transaction ends, so concurrent
 * rotations or updates of one endpoint run one after another instead of both creating a current secret.
 */
export async function lockEndpoint(tx: Tx, { tenantId, endpointId }: { tenantId: string; endpointId: string }): Promise<Endpoint> {
  if (!isUuid(endpointId)) throw notFound("Endpoint");
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM endpoints
    WHERE id = ${endpointId}::uuid AND tenant_id = ${tenantId}::uuid AND deleted_at IS NULL
    FOR UPDATE`;
  if (locked.length === 0) throw notFound("Endpoint");
  return tx.endpoint.findUniqueOrThrow({ where: { id: endpointId } });
}

/** Serialises writes that must see every endpoint of a tenant, such as creating its one primary webhook. */
export async function lockTenant(tx: Tx, tenantId: string): Promise<void> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound("Tenant");
}

export async function findLiveEndpoint(db: Db | Tx, { tenantId, endpointId }: { tenantId: string; endpointId: string }): Promise<Endpoint> {
  if (!isUuid(endpointId)) throw notFound("Endpoint");
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, tenantId, deletedAt: null } });
  if (!endpoint) throw notFound("Endpoint");
  return endpoint;
}

/** Creates the endpoint's new current secret and returns it in clear, as the tenant will see it. */
export async function issueSecret(
  tx: Tx,
  { tenantId, endpointId, scheme, encryptionKey, secret = generateSecret(scheme) }: {
    tenantId: string;
    endpointId: string;
    scheme: SignatureScheme;
    encryptionKey: Buffer;
    secret?: string;
  },
): Promise<string> {
  await tx.endpointSecret.create({ data: { tenantId, endpointId, sealed: seal(secret, encryptionKey, { purpose: "endpoint-secret", tenantId, endpointId }) } });
  return secret;
}

/** Every secret still signing (the current one included) stops at `until` at the latest. */
export async function retireSecrets(tx: Tx, { endpointId, until }: { endpointId: string; until: Date }): Promise<void> {
  await tx.endpointSecret.updateMany({ where: { endpointId, expiresAt: null }, data: { expiresAt: until } });
  await tx.endpointSecret.updateMany({ where: { endpointId, expiresAt: { gt: until } }, data: { expiresAt: until } });
}

export async function currentSecretRow(db: Db | Tx, endpointId: string) {
  return db.endpointSecret.findFirst({
    where: { endpointId, expiresAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/**
 * Whether a secret can sign under `scheme`. Only Standard Webhooks fixes a format (`whsec_<base64>`); the
 * other schemes key their HMAC with the string as shown, or send it as is, so one secret serves them all
 * (seed 002: the same token becomes a signature key when `signature_enabled` turns on).
 */
export function secretFitsScheme(secret: string, scheme: SignatureScheme): boolean {
  if (scheme !== "standard") return true;
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : "";
  return encoded.length > 0 && Buffer.from(encoded, "base64").length > 0;
}

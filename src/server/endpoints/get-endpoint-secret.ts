import { unseal } from "@/server/crypto/sealed-box";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import type { Tx } from "./endpoint-records";
import { currentSecretRow, findLiveEndpoint } from "./endpoint-records";
import { endpointSecretDto, type EndpointSecretDto } from "./schemas";

/** The current secret in clear and when the rotated ones stop signing. */
export async function readSecrets(
  db: Db | Tx,
  { endpoint, encryptionKey, now = new Date() }: { endpoint: { id: string; signatureScheme: string }; encryptionKey: Buffer; now?: Date },
): Promise<EndpointSecretDto> {
  const current = await currentSecretRow(db, endpoint.id);
  // every live endpoint is created with a secret and rotation replaces it in one transaction
  if (!current) throw new Error(`endpoint ${endpoint.id} has no current secret`);
  const previous = await db.endpointSecret.findMany({
    where: { endpointId: endpoint.id, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, expiresAt: true },
  });
  return endpointSecretDto.parse({
    secret: unseal(current.sealed, encryptionKey, { purpose: "endpoint-secret", tenantId: current.tenantId, endpointId: endpoint.id }),
    signature_scheme: endpoint.signatureScheme,
    created_at: current.createdAt,
    previous_secrets: previous.map((row) => ({ created_at: row.createdAt, expires_at: row.expiresAt })),
  });
}

/** Seed 001 `GET /api/v2/webhook_endpoint/{id}/secret`. */
export async function getEndpointSecret({
  db,
  tenantId,
  endpointId,
  encryptionKey = env().encryptionKey,
}: {
  db: Db;
  tenantId: string;
  endpointId: string;
  encryptionKey?: Buffer;
}): Promise<EndpointSecretDto> {
  const endpoint = await findLiveEndpoint(db, { tenantId, endpointId });
  return readSecrets(db, { endpoint, encryptionKey });
}

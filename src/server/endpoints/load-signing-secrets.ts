import { unseal } from "@/server/crypto/sealed-box";
import type { Db } from "@/server/db/client";
import { env } from "@/server/env";

/**
 * Every secret that signs a delivery now, decrypted: the current one first, then rotated ones still in
 * their overlap window, newest first (the order `signatureHeaders` expects). Empty for a deleted endpoint.
 */
export async function loadSigningSecrets({
  db,
  tenantId,
  endpointId,
  now = new Date(),
  encryptionKey = env().encryptionKey,
}: {
  db: Db;
  tenantId: string;
  endpointId: string;
  now?: Date;
  encryptionKey?: Buffer;
}): Promise<string[]> {
  const rows = await db.endpointSecret.findMany({
    where: { tenantId, endpointId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  const current = rows.filter((row) => row.expiresAt === null);
  const rotated = rows.filter((row) => row.expiresAt !== null);
  return [...current, ...rotated].map((row) => unseal(row.sealed, encryptionKey, { purpose: "endpoint-secret", tenantId, endpointId }));
}

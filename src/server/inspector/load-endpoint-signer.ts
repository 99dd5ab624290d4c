import type { Db } from "@/server/db/client";
import { loadSigningSecrets } from "@/server/endpoints/load-signing-secrets";
import { notFound } from "@/server/errors";
import type { SignatureScheme } from "@/server/signing";

/** The scheme and every secret that signs for one of the tenant's endpoints; the secrets stay server-side. */
export async function loadEndpointSigner({ db, tenantId, endpointId, encryptionKey }: {
  db: Db;
  tenantId: string;
  endpointId: string;
  encryptionKey: Buffer;
}): Promise<{ endpointId: string; scheme: SignatureScheme; secrets: string[] }> {
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, tenantId, deletedAt: null }, select: { signatureScheme: true } });
  if (!endpoint) throw notFound("Endpoint");
  const secrets = await loadSigningSecrets({ db, tenantId, endpointId, encryptionKey });
  return { endpointId, scheme: endpoint.signatureScheme, secrets };
}

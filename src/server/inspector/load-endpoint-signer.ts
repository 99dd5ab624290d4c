import type { Db } from "@/server/db/client";
import { loadSigningSecrets } from "@/server/endpoints/load-signing-secrets";
import { notFound } from "@/server/errors";
import type { SignatureScheme } from "@/server/signing";

export type EndpointSigner = { endpointId: string; endpointUrl: string; scheme: SignatureScheme; secrets: string[] };

/** The scheme and every secret that signs for one of the tenant's endpoints; the secrets stay server-side. */
export async function loadEndpointSigner({ db, tenantId, endpointId, encryptionKey }: {
  db: Db;
  tenantId: string;
  endpointId: string;
  encryptionKey: Buffer;
}): Promise<EndpointSigner> {
  const endpoint = await db.endpoint.findFirst({
    where: { id: endpointId, tenantId, deletedAt: null },
    select: { url: true, signatureScheme: true },
  });
  if (!endpoint) throw notFound("Endpoint");
  const secrets = await loadSigningSecrets({ db, tenantId, endpointId, encryptionKey });
  return { endpointId, endpointUrl: endpoint.url, scheme: endpoint.signatureScheme, secrets };
}

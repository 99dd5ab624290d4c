import type { Db } from "@/server/db/client";
import { env } from "@/server/env";
import { findLiveEndpoint } from "./endpoint-records";
import type { EndpointDto } from "./schemas";
import { toEndpointDto } from "./to-endpoint-dto";

export async function getEndpoint({
  db,
  tenantId,
  endpointId,
  encryptionKey = env().encryptionKey,
}: {
  db: Db;
  tenantId: string;
  endpointId: string;
  encryptionKey?: Buffer;
}): Promise<EndpointDto> {
  return toEndpointDto(await findLiveEndpoint(db, { tenantId, endpointId }), encryptionKey);
}

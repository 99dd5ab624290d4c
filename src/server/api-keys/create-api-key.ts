import { systemActor, type Actor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";
import { generateApiKey } from "./api-key-format";
import { createApiKeyInput, type CreateApiKeyInput, type CreatedApiKeyDto } from "./schemas";
import { storeApiKey } from "./store-api-key";

/** A new key for the tenant, returned in clear this once; only its SHA-256 is stored. */
export async function createApiKey({
  db,
  tenantId,
  input,
  key = generateApiKey("tenant"),
  actor = systemActor,
}: {
  db: Db;
  tenantId: string;
  input: CreateApiKeyInput;
  /** a key minted earlier (the demo key kept in the data directory); normally generated here */
  key?: string;
  actor?: Actor;
}): Promise<CreatedApiKeyDto> {
  const { name, scopes } = createApiKeyInput.parse(input);
  return storeApiKey({ db, tenantId, name, scopes, key, actor });
}

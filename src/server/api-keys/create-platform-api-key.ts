import type { Actor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";
import { generateApiKey } from "./api-key-format";
import { createPlatformApiKeyInput, type CreatedApiKeyDto, type CreatePlatformApiKeyInput } from "./schemas";
import { storeApiKey } from "./store-api-key";

/** A new operator key (`hk_op_…`): manages tenants and acts for any of them; shown in clear this once. */
export async function createPlatformApiKey({
  db,
  input,
  actor,
  key = generateApiKey("platform"),
}: {
  db: Db;
  input: CreatePlatformApiKeyInput;
  actor: Actor;
  /** a key minted earlier (the demo key kept in the data directory); normally generated here */
  key?: string;
}): Promise<CreatedApiKeyDto> {
  const { name, scopes } = createPlatformApiKeyInput.parse(input);
  return storeApiKey({ db, tenantId: null, name, scopes, key, actor });
}

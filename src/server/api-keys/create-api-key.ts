import type { Db } from "@/server/db/client";
import { displayPrefix, generateApiKey, hashApiKey } from "./api-key-format";
import { createApiKeyInput, type CreateApiKeyInput, type CreatedApiKeyDto } from "./schemas";
import { toApiKeyDto } from "./to-api-key-dto";

/** A new key for the tenant, returned in clear this once; only its SHA-256 is stored. */
export async function createApiKey({
  db,
  tenantId,
  input,
  key = generateApiKey(),
}: {
  db: Db;
  tenantId: string;
  input: CreateApiKeyInput;
  /** a key minted earlier (the demo key kept in the data directory); normally generated here */
  key?: string;
}): Promise<CreatedApiKeyDto> {
  const { name, scopes } = createApiKeyInput.parse(input);
  const row = await db.apiKey.create({
    data: { tenantId, name, scopes, prefix: displayPrefix(key), keyHash: hashApiKey(key) },
  });
  return { apiKey: toApiKeyDto(row), key };
}

import type { Endpoint } from "@/generated/prisma/client";
import { receiverAuthHeaders, receiverAuthSettingsSchemas } from "./receiver-auth";
import { unseal } from "@/server/crypto/sealed-box";

export const USER_AGENT = "Hookline-Webhooks/1.0";

/** Receiver credentials (ApiKey header, Basic, Bearer), decrypted only for the request that needs them. */
export function receiverAuthFor(
  endpoint: Pick<Endpoint, "id" | "authType" | "authSettingsSealed">,
  tenantId: string,
  encryptionKey: Buffer,
): Record<string, string> {
  if (endpoint.authType === "None" || !endpoint.authSettingsSealed) return {};
  const context = { purpose: "endpoint-auth-settings", tenantId, endpointId: endpoint.id } as const;
  const settings = receiverAuthSettingsSchemas[endpoint.authType].parse(JSON.parse(unseal(endpoint.authSettingsSealed, encryptionKey, context)));
  return receiverAuthHeaders(endpoint.authType, settings as never);
}

/** Attempts are stored and shown in the portal: credentials the tenant gave us must not be. */
export function redactCredentials(headers: Record<string, string>, credentialHeaders: Record<string, string>): Record<string, string> {
  const secretNames = new Set(Object.keys(credentialHeaders).map((name) => name.toLowerCase()));
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, secretNames.has(name.toLowerCase()) ? "[redacted]" : value]),
  );
}

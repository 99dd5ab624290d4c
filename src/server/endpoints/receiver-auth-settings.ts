import type { ReceiverAuthType } from "@/generated/prisma/enums";
import { seal } from "@/server/crypto/sealed-box";
import { receiverAuthSettingsSchemas } from "@/server/deliveries/receiver-auth";
import { authSettingsIssues, headerConflicts } from "./schemas";
import { invalidInput } from "./validation";

/**
 * Checks settings against their auth type and seals them for storage (null for None). The receiver's
 * credentials are secrets: they are only ever stored encrypted, and decrypted to send a request.
 */
export function sealAuthSettings(
  authType: ReceiverAuthType,
  settings: unknown,
  encryptionKey: Buffer,
  endpoint: { tenantId: string; endpointId: string },
): string | null {
  const issues = authSettingsIssues(authType, settings);
  if (issues.length) throw invalidInput(issues);
  if (authType === "None") return null;
  const parsed = receiverAuthSettingsSchemas[authType].parse(settings ?? {});
  return seal(JSON.stringify(parsed), encryptionKey, { purpose: "endpoint-auth-settings", ...endpoint });
}

/** Refuses custom headers that would overwrite the receiver credentials Hookline sends. */
export function assertNoHeaderConflicts(input: {
  custom_headers: Record<string, string>;
  auth_type: ReceiverAuthType;
  auth_settings: Record<string, unknown>;
}): void {
  const conflicts = headerConflicts(input);
  if (conflicts.length) {
    throw invalidInput(
      conflicts.map((name) => ({ path: ["custom_headers", name], message: `conflicts with the ${input.auth_type} credentials` })),
    );
  }
}

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM; format "v2.<iv>.<tag>.<ciphertext>" (base64url). v2 authenticates what the value belongs to
// as associated data; v1 (no associated data) is only opened to re-seal it at start-up (reseal-legacy-secrets.ts).
const VERSION = "v2";
const LEGACY_VERSION = "v1";

/**
 * What a sealed value belongs to. Authenticated with the ciphertext, so a blob copied into another endpoint's
 * row, another tenant's, or from one column to the other (credentials vs signing secret) does not open.
 */
export type SealContext = {
  purpose: "endpoint-auth-settings" | "endpoint-secret";
  tenantId: string;
  endpointId: string;
};

function associatedData({ purpose, tenantId, endpointId }: SealContext): Buffer {
  return Buffer.from(`hookline/${purpose}/${tenantId}/${endpointId}`, "utf8");
}

export function seal(plaintext: string, key: Buffer, context: SealContext): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

function open(sealed: string, key: Buffer, version: string, aad: Buffer | undefined): string {
  const [found, iv, tag, ciphertext] = sealed.split(".");
  if (found !== version || !iv || !tag || ciphertext === undefined) throw new Error(`not a ${version} sealed value`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** Opens a value sealed for `context`; throws for any other context, a tampered value, or a v1 value. */
export function unseal(sealed: string, key: Buffer, context: SealContext): string {
  return open(sealed, key, VERSION, associatedData(context));
}

export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith(`${LEGACY_VERSION}.`);
}

/** A v1 value, sealed before values were bound to their row: opened only to be sealed again with its context. */
export function resealLegacy(sealed: string, key: Buffer, context: SealContext): string {
  return seal(open(sealed, key, LEGACY_VERSION, undefined), key, context);
}

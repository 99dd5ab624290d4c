import { createHash, randomBytes } from "node:crypto";

/** Tenant keys and platform keys look different, so a leaked key tells at a glance how much it opens. */
export const API_KEY_PREFIXES = { tenant: "hk_live_", platform: "hk_op_" } as const;
export type ApiKeyKind = keyof typeof API_KEY_PREFIXES;
/** Random characters kept in clear after the fixed prefix, enough to tell keys apart in a list. */
const DISPLAY_RANDOM_CHARACTERS = 4;
const apiKeyPattern = /^hk_(?:live|op)_[A-Za-z0-9_-]{32}$/;

/** 192 random bits: too many to guess, so a fast hash (not a password hash) protects the stored copy. */
export function generateApiKey(kind: ApiKeyKind = "tenant"): string {
  return `${API_KEY_PREFIXES[kind]}${randomBytes(24).toString("base64url")}`;
}

export function looksLikeApiKey(value: string): boolean {
  return apiKeyPattern.test(value);
}

export function apiKeyKindOf(key: string): ApiKeyKind {
  return key.startsWith(API_KEY_PREFIXES.platform) ? "platform" : "tenant";
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIXES[apiKeyKindOf(key)].length + DISPLAY_RANDOM_CHARACTERS);
}

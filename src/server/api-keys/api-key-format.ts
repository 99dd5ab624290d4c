import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "hk_live_";
/** Characters kept in clear: the fixed prefix and four random ones, enough to tell keys apart in a list. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;
const apiKeyPattern = /^hk_live_[A-Za-z0-9_-]{32}$/;

/** 192 random bits: too many to guess, so a fast hash (not a password hash) protects the stored copy. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
}

export function looksLikeApiKey(value: string): boolean {
  return apiKeyPattern.test(value);
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}

import { createHash, randomBytes } from "node:crypto";

/**
 * Tokens of single-use links sent to people (invitations, password resets): 256 random bits behind a
 * prefix naming their kind, so a fast hash protects the stored copy and a malformed token is refused
 * before any database work.
 */
export function newLinkToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeLinkToken(prefix: string, value: string): boolean {
  return value.length === prefix.length + 44 && value.startsWith(`${prefix}_`) && /^[A-Za-z0-9_-]{43}$/.test(value.slice(prefix.length + 1));
}

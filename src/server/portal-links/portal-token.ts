import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, so a fast hash protects the stored copy; the prefix tells a link token from a session. */
export function newPortalToken(kind: "link" | "session"): string {
  return `${kind === "link" ? "hlp_" : "hls_"}${randomBytes(32).toString("base64url")}`;
}

export function hashPortalToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const tokenPattern = /^hl[ps]_[A-Za-z0-9_-]{43}$/;

export function looksLikePortalToken(value: string): boolean {
  return tokenPattern.test(value);
}

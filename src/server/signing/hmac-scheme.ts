import { createHmac, randomBytes } from "node:crypto";
import { matchSecret, missingHeader, readHeader, unixSeconds, type SchemeImplementation } from "./scheme";

// Seeds 001/002 with `signature_enabled: true`: hex HMAC-SHA256 of the raw body, keyed by the secret
// string as shown. X-Timestamp is informative only: it is not part of the signed content.

function signature(secret: string, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export const hmacScheme: SchemeImplementation = {
  generateSecret: () => `whsk_${randomBytes(32).toString("base64url")}`,

  sign({ secrets: [current], timestamp, body }) {
    return { "X-Signature": signature(current!, body), "X-Timestamp": String(unixSeconds(timestamp)) };
  },

  verify({ headers, secrets, body }) {
    const presented = readHeader(headers, "x-signature");
    if (!presented) return missingHeader("X-Signature");
    return matchSecret(secrets, (secret) => signature(secret, body), [presented.toLowerCase()]);
  },
};

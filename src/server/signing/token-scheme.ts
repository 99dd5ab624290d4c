import { randomBytes } from "node:crypto";
import { matchSecret, missingHeader, readHeader, type SchemeImplementation } from "./scheme";

// Seed 002 with `signature_enabled: false`: the receiver compares the token itself.

export const tokenScheme: SchemeImplementation = {
  generateSecret: () => `whtk_${randomBytes(32).toString("base64url")}`,

  sign({ secrets: [current] }) {
    return { "X-Webhook-Token": current! };
  },

  verify({ headers, secrets }) {
    const presented = readHeader(headers, "x-webhook-token");
    if (!presented) return missingHeader("X-Webhook-Token");
    return matchSecret(secrets, (secret) => secret, [presented]);
  },
};

import { createHmac, randomBytes } from "node:crypto";
import {
  checkTimestamp,
  matchSecret,
  missingHeader,
  readHeader,
  unixSeconds,
  type SchemeImplementation,
} from "./scheme";

// Standard Webhooks (https://www.standardwebhooks.com): the key is the base64 part of `whsec_…`.
const secretPrefix = "whsec_";

export class InvalidSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidSecretError";
  }
}

function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : "";
  const key = Buffer.from(encoded, "base64");
  // padding is optional in the secrets other tools generate
  if (key.length === 0 || key.toString("base64").replace(/=+$/, "") !== encoded.replace(/=+$/, "")) {
    throw new InvalidSecretError(`Standard Webhooks secrets look like ${secretPrefix}<base64>`);
  }
  return key;
}

function signature(secret: string, messageId: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac("sha256", signingKey(secret))
    .update(`${messageId}.${timestamp}.`)
    .update(body)
    .digest("base64");
}

export const standardScheme: SchemeImplementation = {
  generateSecret: () => `${secretPrefix}${randomBytes(32).toString("base64")}`,

  sign({ secrets, messageId, timestamp, body }) {
    const seconds = String(unixSeconds(timestamp));
    return {
      "webhook-id": messageId,
      "webhook-timestamp": seconds,
      // every active secret signs, so a receiver still holding a rotated secret keeps verifying
      "webhook-signature": secrets.map((secret) => `v1,${signature(secret, messageId, seconds, body)}`).join(" "),
    };
  },

  verify(input) {
    const messageId = readHeader(input.headers, "webhook-id");
    const timestamp = readHeader(input.headers, "webhook-timestamp");
    const signatures = readHeader(input.headers, "webhook-signature");
    if (!messageId) return missingHeader("webhook-id");
    if (!timestamp) return missingHeader("webhook-timestamp");
    if (!signatures) return missingHeader("webhook-signature");
    const stale = checkTimestamp(timestamp, input);
    if (stale) return stale;
    const presented = signatures
      .split(" ")
      .filter((entry) => entry.startsWith("v1,"))
      .map((entry) => entry.slice("v1,".length));
    if (presented.length === 0) return { verified: false, reason: "no v1 signature in webhook-signature" };
    try {
      return matchSecret(input.secrets, (secret) => signature(secret, messageId, timestamp, input.body), presented);
    } catch (error) {
      if (error instanceof InvalidSecretError) return { verified: false, reason: error.message };
      throw error;
    }
  },
};

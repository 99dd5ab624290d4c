import { createHmac, randomBytes } from "node:crypto";
import {
  checkTimestamp,
  matchSecret,
  missingHeader,
  readHeader,
  unixSeconds,
  type SchemeImplementation,
} from "./scheme";

// Seed 003: hex HMAC-SHA256 keyed by the `wh_sec_…` string itself (the seed's `API_SECRET`), over
// METHOD + request target + timestamp + raw body — exactly what its Node.js example recomputes from
// `req.method`, `req.url`, the x-aw-timestamp header and the raw body.

function signature(secret: string, method: string, pathAndQuery: string, timestamp: string, body: string | Uint8Array) {
  const hmac = createHmac("sha256", secret).update(`${method.toUpperCase()}${pathAndQuery}${timestamp}`);
  return hmac.update(body).digest("hex");
}

/** What Node's `req.url` will hold on the receiver: HTTP clients send the URL's path and query, no fragment. */
function requestTarget(url: string): string {
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`;
}

export const awScheme: SchemeImplementation = {
  generateSecret: () => `wh_sec_${randomBytes(32).toString("base64url")}`,

  sign({ secrets: [current], timestamp, body, method, url }) {
    const seconds = String(unixSeconds(timestamp));
    return {
      "x-aw-timestamp": seconds,
      "x-aw-signature": signature(current!, method, requestTarget(url), seconds, body),
    };
  },

  verify(input) {
    const timestamp = readHeader(input.headers, "x-aw-timestamp");
    const presented = readHeader(input.headers, "x-aw-signature");
    if (!timestamp) return missingHeader("x-aw-timestamp");
    if (!presented) return missingHeader("x-aw-signature");
    const stale = checkTimestamp(timestamp, input);
    if (stale) return stale;
    const { method, pathAndQuery, body } = input;
    return matchSecret(
      input.secrets,
      (secret) => signature(secret, method, pathAndQuery, timestamp, body),
      [presented.toLowerCase()],
    );
  },
};

import { createHash, timingSafeEqual } from "node:crypto";

export type SignInput = {
  /** current secret first, then rotated ones still inside their overlap window */
  secrets: readonly string[];
  messageId: string;
  timestamp: Date;
  /** exactly the bytes that will be sent */
  body: string;
  method: string;
  url: string;
};

export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export type VerifyInput = {
  secrets: readonly string[];
  headers: HeaderSource;
  /** the raw body as received, before any JSON parsing */
  body: string | Uint8Array;
  method: string;
  /** the request target as received, e.g. Node's `req.url`: `/hooks?tenant=1` */
  pathAndQuery: string;
  toleranceSeconds: number;
  now: Date;
};

export type VerifyResult = { verified: boolean; reason: string };

export type SchemeImplementation = {
  generateSecret(): string;
  sign(input: SignInput): Record<string, string>;
  verify(input: VerifyInput): VerifyResult;
};

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "string" ? value : value.join(", ");
  }
  return undefined;
}

/**
 * Compares digests of both sides so neither the position of the first difference nor the length of a
 * secret token shows in the timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/** Finds which secret produced the presented value, checking every secret so timing does not tell. */
export function matchSecret(
  secrets: readonly string[],
  expectedFor: (secret: string) => string,
  presented: readonly string[],
): VerifyResult {
  if (secrets.length === 0) return { verified: false, reason: "no secret to verify against" };
  let matchedIndex = -1;
  secrets.forEach((secret, index) => {
    const expected = expectedFor(secret);
    for (const value of presented) {
      if (constantTimeEqual(expected, value) && matchedIndex === -1) matchedIndex = index;
    }
  });
  if (matchedIndex === -1) return { verified: false, reason: "signature does not match any active secret" };
  return {
    verified: true,
    reason: matchedIndex === 0 ? "signed with the current secret" : `signed with rotated secret #${matchedIndex + 1}`,
  };
}

export function checkTimestamp(raw: string, { toleranceSeconds, now }: VerifyInput): VerifyResult | undefined {
  if (!/^\d+$/.test(raw)) return { verified: false, reason: `timestamp "${raw}" is not Unix seconds` };
  const skew = Math.abs(unixSeconds(now) - Number(raw));
  if (skew > toleranceSeconds) {
    return { verified: false, reason: `timestamp is ${skew}s away from now (tolerance ${toleranceSeconds}s)` };
  }
  return undefined;
}

export function missingHeader(name: string): VerifyResult {
  return { verified: false, reason: `missing ${name} header` };
}

/**
 * Request signing exactly as an Inngest server does it (SDK spec §4.1.3), so the app's SDK runs with signature
 * verification on, and the environment the app process needs to reach this executor.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * Signing keys minted here carry this prefix. The SDK strips any `signkey-<word>-` prefix before using the key,
 * so it is transparent to it, and it lets an app tell "my embedded executor" from a real Inngest server.
 */
export const EMBEDDED_SIGNING_KEY_PREFIX = "signkey-embedded-";

export type ExecutorCredentials = {
  /** `signkey-embedded-<64 hex>`: the SDK verifies our requests with it. */
  signingKey: string;
  /** accepted on `POST /e/{eventKey}`; any other key is refused */
  eventKey: string;
};

export function generateCredentials(): ExecutorCredentials {
  return {
    signingKey: EMBEDDED_SIGNING_KEY_PREFIX + randomBytes(32).toString("hex"),
    eventKey: randomBytes(24).toString("hex"),
  };
}

/**
 * JSON Canonicalization Scheme (RFC 8785). The SDK parses the body and verifies the HMAC over its canonical
 * form, so we send canonical bytes and sign those same bytes. ECMAScript's JSON.stringify of strings and
 * finite numbers is exactly what RFC 8785 prescribes; only key order needs work.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) return "null";
    return JSON.stringify(value) ?? "null";
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined || typeof item === "function" ? "null" : canonicalJson(item))).join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  // default sort compares UTF-16 code units, which is the order RFC 8785 requires
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === "function") continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(",")}}`;
}

/** The `X-Inngest-Signature` value for a body: `t=<unix seconds>&s=<hex HMAC-SHA256(body + t)>`. */
export function signatureHeader(body: string, signingKey: string, now: Date = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1_000).toString();
  // the key is used as text without its prefix, as the SDK does (not hex-decoded)
  const key = signingKey.replace(/^signkey-\w+-/, "");
  const signature = createHmac("sha256", key).update(body).update(timestamp).digest("hex");
  return `t=${timestamp}&s=${signature}`;
}

/**
 * The bearer token the SDK sends when it calls the server's API (SDK spec §4.1.4): the key's prefix followed
 * by the hex SHA-256 of the hex-decoded key. The SDK only calls us for checkpoints.
 */
export function hashedSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  return prefix + createHash("sha256").update(Buffer.from(signingKey.slice(prefix.length), "hex")).digest("hex");
}

/** The INNGEST_* variables an app process needs so its unchanged SDK talks to this executor. */
export type ExecutorEnvironment = {
  /** where `inngest.send()` posts events (`{base}e/{key}`); also the API origin the SDK would use */
  INNGEST_BASE_URL: string;
  INNGEST_SIGNING_KEY: string;
  INNGEST_EVENT_KEY: string;
};

export function executorEnvironment(options: { origin: string } & ExecutorCredentials): ExecutorEnvironment {
  return {
    // a base URL with a path needs its trailing slash for `new URL("e/<key>", base)`; harmless otherwise
    INNGEST_BASE_URL: options.origin.endsWith("/") ? options.origin : `${options.origin}/`,
    INNGEST_SIGNING_KEY: options.signingKey,
    INNGEST_EVENT_KEY: options.eventKey,
  };
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The executor settings an environment carries, when it points at an embedded executor (a signing key minted
 * by {@link generateCredentials} and a loopback base URL); undefined when it points at a real Inngest server or
 * at nothing.
 */
export function readEmbeddedEnvironment(
  env: Record<string, string | undefined>,
): ({ port: number } & ExecutorCredentials) | undefined {
  const { INNGEST_BASE_URL: baseUrl, INNGEST_SIGNING_KEY: signingKey, INNGEST_EVENT_KEY: eventKey } = env;
  if (!baseUrl || !signingKey?.startsWith(EMBEDDED_SIGNING_KEY_PREFIX) || !eventKey) return undefined;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (!LOOPBACK_HOSTS.has(url.hostname) || !url.port) return undefined;
  return { port: Number(url.port), signingKey, eventKey };
}

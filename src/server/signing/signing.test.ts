import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSecret, InvalidSecretError, signatureHeaders, verifySignature } from "@/server/signing";

const body = JSON.stringify({ Type: "RiskAssessmentCalculated", RiskAssessmentId: "12345", Note: "naïve ✓" });
const messageId = "msg_2f1c6d0e7b5a4c39";
const url = "https://receiver.example.com/hooks/in?tenant=acme&x=1";

describe("generateSecret", () => {
  it.each([
    ["standard", /^whsec_[A-Za-z0-9+/]{43}=$/],
    ["hmac", /^whsk_[\w-]{43}$/],
    ["token", /^whtk_[\w-]{43}$/],
    ["aw", /^wh_sec_[\w-]{43}$/],
    ["none", /^whsec_/],
  ] as const)("%s secrets carry their scheme's prefix", (scheme, format) => {
    const first = generateSecret(scheme);
    expect(first).toMatch(format);
    expect(generateSecret(scheme)).not.toBe(first);
  });
});

describe("standard scheme", () => {
  const now = new Date();

  it("is accepted by the standardwebhooks package, byte for byte the same signature", () => {
    const secret = generateSecret("standard");
    const headers = signatureHeaders({ scheme: "standard", secrets: [secret], messageId, timestamp: now, body, method: "POST", url });
    expect(Object.keys(headers)).toEqual(["webhook-id", "webhook-timestamp", "webhook-signature"]);
    expect(headers["webhook-id"]).toBe(messageId);
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(now.getTime() / 1000)));
    const webhook = new Webhook(secret);
    expect(webhook.verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers["webhook-signature"]).toBe(webhook.sign(messageId, new Date(Number(headers["webhook-timestamp"]) * 1000), body));
  });

  it("signs with every active secret during rotation, so old and new secrets both verify", () => {
    const current = generateSecret("standard");
    const rotated = generateSecret("standard");
    const headers = signatureHeaders({ scheme: "standard", secrets: [current, rotated], messageId, timestamp: now, body, method: "POST", url });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(rotated).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(generateSecret("standard")).verify(body, headers)).toThrow();

    const verify = (secrets: string[]) =>
      verifySignature({ scheme: "standard", secrets, headers, body, method: "POST", pathAndQuery: "/hooks/in" });
    expect(verify([current])).toEqual({ verified: true, reason: "signed with the current secret" });
    expect(verify([generateSecret("standard"), rotated])).toEqual({ verified: true, reason: "signed with rotated secret #2" });
    expect(verify([generateSecret("standard")]).verified).toBe(false);
  });

  it("verifies what the standardwebhooks package signs, and rejects tampering and stale timestamps", () => {
    const secret = generateSecret("standard");
    const sentAt = new Date("2025-03-02T09:20:03Z");
    const headers = {
      "Webhook-Id": messageId,
      "Webhook-Timestamp": String(sentAt.getTime() / 1000),
      "Webhook-Signature": `v2,ignored ${new Webhook(secret).sign(messageId, sentAt, body)}`,
    };
    const base = { scheme: "standard", secrets: [secret], headers, body, method: "POST", pathAndQuery: "/" } as const;
    expect(verifySignature({ ...base, now: new Date(sentAt.getTime() + 299_000) }).verified).toBe(true);
    expect(verifySignature({ ...base, now: sentAt, body: Buffer.from(body) }).verified).toBe(true);
    expect(verifySignature({ ...base, now: sentAt, body: `${body} ` })).toEqual({
      verified: false,
      reason: "signature does not match any active secret",
    });
    expect(verifySignature({ ...base, now: new Date(sentAt.getTime() + 301_000) }).reason).toMatch(/301s away/);
    expect(verifySignature({ ...base, now: new Date(sentAt.getTime() + 3_600_000), toleranceSeconds: 7200 }).verified).toBe(true);
    expect(verifySignature({ ...base, now: sentAt, headers: { ...headers, "Webhook-Id": undefined } }).reason).toBe(
      "missing webhook-id header",
    );
  });

  it("accepts whsec_ secrets with or without base64 padding", () => {
    const withPadding = `whsec_${Buffer.alloc(31, 7).toString("base64")}`;
    const unpadded = withPadding.replace(/=+$/, "");
    expect(withPadding).not.toBe(unpadded);
    const sign = (secret: string) =>
      signatureHeaders({ scheme: "standard", secrets: [secret], messageId, timestamp: now, body, method: "POST", url });
    expect(sign(unpadded)).toEqual(sign(withPadding));
    expect(new Webhook(withPadding).verify(body, sign(unpadded))).toBeTruthy();
  });

  it("refuses secrets that are not whsec_<base64>", () => {
    const notStandard = generateSecret("aw");
    expect(() =>
      signatureHeaders({ scheme: "standard", secrets: [notStandard], messageId, timestamp: now, body, method: "POST", url }),
    ).toThrow(InvalidSecretError);
    const headers = signatureHeaders({ scheme: "standard", secrets: [generateSecret("standard")], messageId, timestamp: now, body, method: "POST", url });
    expect(verifySignature({ scheme: "standard", secrets: [notStandard], headers, body, method: "POST", pathAndQuery: "/" })).toMatchObject({
      verified: false,
      reason: expect.stringContaining("whsec_"),
    });
  });
});

describe("hmac scheme", () => {
  it("sends the hex HMAC-SHA256 of the raw body with the current secret, as node:crypto computes it", () => {
    const current = generateSecret("hmac");
    const rotated = generateSecret("hmac");
    const timestamp = new Date("2025-03-02T09:20:03Z");
    const headers = signatureHeaders({ scheme: "hmac", secrets: [current, rotated], messageId, timestamp, body, method: "POST", url });
    expect(headers).toEqual({
      "X-Signature": crypto.createHmac("sha256", current).update(body).digest("hex"),
      "X-Timestamp": "1740907203",
    });
    const verify = (secrets: string[], sentBody: string) =>
      verifySignature({ scheme: "hmac", secrets, headers, body: sentBody, method: "POST", pathAndQuery: "/" });
    expect(verify([rotated, current], body)).toEqual({ verified: true, reason: "signed with rotated secret #2" });
    expect(verify([current], `${body}\n`).verified).toBe(false);
    expect(verify([rotated], body).verified).toBe(false);
  });
});

describe("token scheme", () => {
  it("sends the current token itself and checks a presented token against every active one", () => {
    const current = generateSecret("token");
    const rotated = generateSecret("token");
    const headers = signatureHeaders({ scheme: "token", secrets: [current, rotated], messageId, timestamp: new Date(), body, method: "POST", url });
    expect(headers).toEqual({ "X-Webhook-Token": current });
    const verify = (presented: Headers) =>
      verifySignature({ scheme: "token", secrets: [current, rotated], headers: presented, body, method: "POST", pathAndQuery: "/" });
    expect(verify(new Headers({ "x-webhook-token": rotated })).verified).toBe(true);
    expect(verify(new Headers({ "x-webhook-token": current.slice(0, -1) })).verified).toBe(false);
    expect(verify(new Headers()).reason).toBe("missing X-Webhook-Token header");
  });
});

describe("none scheme", () => {
  it("adds no header and never claims a verified signature", () => {
    expect(signatureHeaders({ scheme: "none", secrets: [], messageId, timestamp: new Date(), body, method: "POST", url })).toEqual({});
    expect(verifySignature({ scheme: "none", secrets: [], headers: {}, body, method: "POST", pathAndQuery: "/" }).verified).toBe(false);
  });

  it("is the only scheme that signs without a secret", () => {
    expect(() =>
      signatureHeaders({ scheme: "aw", secrets: [], messageId, timestamp: new Date(), body, method: "POST", url }),
    ).toThrow(/needs at least one secret/);
  });
});

// Seed 003's Node.js receiver, with express replaced by node:http: express.json's `verify` hook hands
// over the raw body buffer, and `req.url` is the path and query of the request line.
describe("aw scheme against seed 003's receiver", () => {
  const API_SECRET = generateSecret("aw");
  const received: { url: string; status: number; verifiedByHookline: boolean }[] = [];
  let server: http.Server;
  let origin: string;

  function generateSignature(method: string, url: string, timestamp: string | string[] | undefined, body: Buffer) {
    const hmac = crypto.createHmac("SHA256", API_SECRET);
    hmac.update(`${method.toUpperCase()}${url}${timestamp}`);
    if (body) {
      hmac.update(body);
    }
    return hmac.digest("hex");
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const rawBody = Buffer.concat(chunks);
        const signature = generateSignature(req.method!, req.url!, req.headers["x-aw-timestamp"], rawBody);
        const status = signature !== req.headers["x-aw-signature"] ? 401 : 200;
        const verifiedByHookline = verifySignature({
          scheme: "aw",
          secrets: [API_SECRET],
          headers: req.headers,
          body: rawBody,
          method: req.method!,
          pathAndQuery: req.url!,
        }).verified;
        received.push({ url: req.url!, status, verifiedByHookline });
        res.writeHead(status).end(status === 200 ? "OK" : "Unauthorized");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function post(target: string, secrets: string[], sentBody = body) {
    const headers = signatureHeaders({ scheme: "aw", secrets, messageId, timestamp: new Date(), body, method: "POST", url: target });
    const response = await request(target, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: sentBody,
    });
    await response.body.dump();
    return { status: response.statusCode, headers, last: received.at(-1)! };
  }

  it("verifies unchanged at the seed's path, with a query string too", async () => {
    for (const target of [`${origin}/`, `${origin}/?source=hookline&id=42`]) {
      const { status, headers, last } = await post(target, [API_SECRET]);
      expect(status).toBe(200);
      expect(Object.keys(headers)).toEqual(["x-aw-timestamp", "x-aw-signature"]);
      expect(last.verifiedByHookline).toBe(true);
    }
  });

  it("verifies on a nested path with an encoded query", async () => {
    const { status, last } = await post(`${origin}/webhooks/axitech?tenant=a%20b&ü=1#fragment`, [API_SECRET]);
    expect(last.url).toBe("/webhooks/axitech?tenant=a%20b&%C3%BC=1");
    expect(status).toBe(200);
  });

  it("signs with the current secret only, even while a rotated one is still active", async () => {
    expect((await post(`${origin}/`, [API_SECRET, generateSecret("aw")])).status).toBe(200);
    // a receiver still configured with the rotated secret no longer verifies: it must switch
    expect((await post(`${origin}/`, [generateSecret("aw"), API_SECRET])).status).toBe(401);
  });

  it("is rejected by the receiver when the body or the secret differ", async () => {
    expect((await post(`${origin}/`, [API_SECRET], `${body} `)).status).toBe(401);
    expect((await post(`${origin}/`, [generateSecret("aw")])).status).toBe(401);
  });
});

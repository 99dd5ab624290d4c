import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, executorEnvironment, generateCredentials, readEmbeddedEnvironment, signatureHeader } from "./signing";

describe("request signing", () => {
  it("canonicalises JSON as RFC 8785 does: sorted keys, no whitespace, undefined members dropped", () => {
    expect(canonicalJson({ b: [3, { d: 1, c: undefined }], a: "é\n", n: 1e21, z: null })).toBe(
      '{"a":"é\\n","b":[3,{"d":1}],"n":1e+21,"z":null}',
    );
    expect(canonicalJson({ "\u00e9": 1, z: 2, A: 3 })).toBe('{"A":3,"z":2,"é":1}');
  });

  it("signs body + timestamp with the key text after its signkey- prefix", () => {
    const body = '{"a":1}';
    const now = new Date("2026-03-01T00:00:00Z");
    const header = signatureHeader(body, "signkey-embedded-abc123", now);
    const expected = createHmac("sha256", "abc123").update(body + "1772323200").digest("hex");
    expect(header).toBe(`t=1772323200&s=${expected}`);
  });

  it("gives the app the variables that point its SDK here, and recognises them", () => {
    const credentials = generateCredentials();
    const env = executorEnvironment({ origin: "http://127.0.0.1:8288", ...credentials });
    expect(env.INNGEST_BASE_URL).toBe("http://127.0.0.1:8288/");
    expect(readEmbeddedEnvironment(env)).toEqual({ port: 8288, ...credentials });
    // a real Inngest server's variables are not ours
    expect(readEmbeddedEnvironment({ ...env, INNGEST_SIGNING_KEY: "signkey-prod-abc" })).toBeUndefined();
    expect(readEmbeddedEnvironment({ ...env, INNGEST_BASE_URL: "https://inngest.example.com/" })).toBeUndefined();
  });
});

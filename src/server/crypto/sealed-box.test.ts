import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seal, unseal, type SealContext } from "./sealed-box";

describe("sealed box (AES-256-GCM)", () => {
  const key = randomBytes(32);
  const context: SealContext = { purpose: "endpoint-secret", tenantId: "t1", endpointId: "e1" };

  it("round-trips and never repeats a ciphertext", () => {
    const a = seal('{"password":"hunter2"}', key, context);
    expect(a).not.toContain("hunter2");
    expect(seal('{"password":"hunter2"}', key, context)).not.toBe(a);
    expect(unseal(a, key, context)).toBe('{"password":"hunter2"}');
  });

  it("refuses a tampered value or the wrong key", () => {
    const sealed = seal("secret", key, context);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("SECRET").toString("base64url");
    expect(() => unseal(parts.join("."), key, context)).toThrow();
    expect(() => unseal(sealed, randomBytes(32), context)).toThrow();
    expect(() => unseal("plaintext", key, context)).toThrow(/not a v2 sealed value/);
  });

  it.each([
    ["another endpoint", { ...context, endpointId: "e2" }],
    ["another tenant", { ...context, tenantId: "t2" }],
    ["another purpose", { ...context, purpose: "endpoint-auth-settings" as const }],
  ])("refuses a value moved to %s", (_what, elsewhere) => {
    expect(() => unseal(seal("secret", key, context), key, elsewhere)).toThrow();
  });
});

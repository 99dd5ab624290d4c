import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seal, unseal } from "./sealed-box";

describe("sealed box (AES-256-GCM)", () => {
  const key = randomBytes(32);

  it("round-trips and never repeats a ciphertext", () => {
    const a = seal('{"password":"hunter2"}', key);
    expect(a).not.toContain("hunter2");
    expect(seal('{"password":"hunter2"}', key)).not.toBe(a);
    expect(unseal(a, key)).toBe('{"password":"hunter2"}');
  });

  it("refuses a tampered value or the wrong key", () => {
    const sealed = seal("secret", key);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("SECRET").toString("base64url");
    expect(() => unseal(parts.join("."), key)).toThrow();
    expect(() => unseal(sealed, randomBytes(32))).toThrow();
    expect(() => unseal("plaintext", key)).toThrow(/not a sealed value/);
  });
});

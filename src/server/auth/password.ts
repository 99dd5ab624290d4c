import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let nobodysHash: Promise<string> | undefined;

/**
 * Checks a password against the hash of a password nobody knows: what a sign-in for an unknown email
 * costs instead, so its answer takes as long as a wrong password for a real account.
 */
export async function verifyNobodysPassword(password: string): Promise<false> {
  nobodysHash ??= hashPassword(randomBytes(32).toString("base64url"));
  await verifyPassword(await nobodysHash, password);
  return false;
}

import type { SignatureScheme } from "@/generated/prisma/enums";
import { awScheme } from "./aw-scheme";
import { hmacScheme } from "./hmac-scheme";
import type { HeaderSource, SchemeImplementation, SignInput, VerifyResult } from "./scheme";
import { standardScheme } from "./standard-scheme";
import { tokenScheme } from "./token-scheme";

export type { HeaderSource, VerifyResult } from "./scheme";
export { InvalidSecretError } from "./standard-scheme";
export type { SignatureScheme };

// Only `standard` can carry several signatures (a space-separated list its verifiers iterate). The
// other schemes put one value in one header and their receivers compare it as a whole (seed 003's
// example does `signature !== header`), so they sign with the current secret alone: after a rotation
// such receivers must switch to the new secret; the old one still verifies in Hookline's inspector.
const implementations: Record<Exclude<SignatureScheme, "none">, SchemeImplementation> = {
  standard: standardScheme,
  hmac: hmacScheme,
  token: tokenScheme,
  aw: awScheme,
};

/** Standard Webhooks' default window against replays. */
const defaultToleranceSeconds = 5 * 60;

/**
 * A new secret in the format the scheme's receivers expect (`whsec_…`, `whsk_…`, `whtk_…`, `wh_sec_…`).
 * `none` gets a Standard Webhooks secret: unused while nothing is signed, ready if the endpoint moves to
 * the default scheme.
 */
export function generateSecret(scheme: SignatureScheme): string {
  return implementations[scheme === "none" ? "standard" : scheme].generateSecret();
}

export type SignatureHeadersOptions = SignInput & { scheme: SignatureScheme };

/** Headers proving `body` came from Hookline; `body` must be sent byte for byte as given. */
export function signatureHeaders({ scheme, ...input }: SignatureHeadersOptions): Record<string, string> {
  if (scheme === "none") return {};
  if (input.secrets.length === 0) throw new Error(`Signing with "${scheme}" needs at least one secret`);
  return implementations[scheme].sign(input);
}

export type VerifySignatureOptions = {
  scheme: SignatureScheme;
  /** every secret that may have signed: current and still-valid rotated ones */
  secrets: readonly string[];
  headers: HeaderSource;
  body: string | Uint8Array;
  method: string;
  pathAndQuery: string;
  /** how far the signed timestamp may be from `now` (schemes that sign one); default 300 */
  toleranceSeconds?: number;
  /** the time of receipt; pass it when verifying a request recorded earlier */
  now?: Date;
};

/** Checks a received request as its receiver would; never throws for bad input, says why instead. */
export function verifySignature({
  scheme,
  toleranceSeconds = defaultToleranceSeconds,
  now = new Date(),
  ...input
}: VerifySignatureOptions): VerifyResult {
  if (scheme === "none") return { verified: false, reason: "the endpoint does not sign its requests" };
  return implementations[scheme].verify({ ...input, toleranceSeconds, now });
}

import { z } from "zod";

// Shared by the inspector page's forms, the tRPC router and the tests; free of server-only imports.

/** Largest body the capture route records; bigger requests get 413 and are not stored. */
export const INSPECTOR_MAX_BODY_BYTES = 256 * 1024;
/** A bin token's shape (`in_` and 18 random bytes, base64url), checked before any lookup. */
export function isInspectorToken(value: string): boolean {
  return /^in_[A-Za-z0-9_-]{24}$/.test(value);
}
/** Requests kept per bin; older ones are dropped as new ones arrive. */
export const INSPECTOR_REQUESTS_PER_BIN = 100;

export const createInspectorBinInput = z.object({
  name: z.string().trim().min(1, "Give the bin a name").max(80, "Use at most 80 characters"),
});
export type CreateInspectorBinInput = z.infer<typeof createInspectorBinInput>;

export const inspectorBinIdInput = z.object({ binId: z.uuid("Unknown bin") });

export const listInspectorRequestsInput = z.object({
  binId: z.uuid("Unknown bin"),
  /**
   * "auto": each request is checked with the endpoint whose URL it was sent to (the tenant's endpoints
   * pointing at this bin); an endpoint id: every request with that endpoint; "none": no check
   */
  verifyWith: z.union([z.literal("auto"), z.literal("none"), z.uuid()]).default("auto"),
  limit: z.number().int().min(1).max(INSPECTOR_REQUESTS_PER_BIN).default(50),
});
export type ListInspectorRequestsInput = z.input<typeof listInspectorRequestsInput>;

export const inspectorBinDto = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  captureUrl: z.string(),
  createdAt: z.date(),
  requestCount: z.number().int(),
  lastReceivedAt: z.date().nullable(),
});
export type InspectorBinDto = z.infer<typeof inspectorBinDto>;

export const signatureCheckDto = z.object({
  endpointId: z.string(),
  endpointUrl: z.string(),
  scheme: z.string(),
  verified: z.boolean(),
  reason: z.string(),
});
export type SignatureCheckDto = z.infer<typeof signatureCheckDto>;

export const inspectorRequestDto = z.object({
  id: z.string(),
  method: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  receivedAt: z.date(),
  signature: signatureCheckDto.nullable(),
});
export type InspectorRequestDto = z.infer<typeof inspectorRequestDto>;

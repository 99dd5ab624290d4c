import type { EndpointDto } from "@/server/endpoints/schemas";

export const schemeDescriptions: Record<EndpointDto["signature_scheme"], { label: string; detail: string }> = {
  standard: { label: "Standard Webhooks", detail: "webhook-id, webhook-timestamp and webhook-signature (v1,<base64> HMAC-SHA256). Recommended." },
  hmac: { label: "HMAC", detail: "X-Signature: hex HMAC-SHA256 of the raw body, plus X-Timestamp." },
  token: { label: "Token", detail: "X-Webhook-Token carries the secret itself; no signature." },
  aw: { label: "AW signature", detail: "x-aw-signature: hex HMAC-SHA256 of METHOD + path + x-aw-timestamp + body." },
  none: { label: "Unsigned", detail: "No signature headers. Only for receivers that authenticate otherwise." },
};

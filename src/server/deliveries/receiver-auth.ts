import { z } from "zod";
import type { ReceiverAuthType } from "@/generated/prisma/enums";

// Credentials the receiver asks for, independent of Hookline's signature (seed 000's AuthType and
// AuthSettings, plus Bearer). These schemas are shared by the portal form, tRPC and REST.

/** Visible ASCII without spaces: what undici accepts in a header value and what API keys look like. */
const credential = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, "use visible ASCII characters only, no spaces");

// undici refuses or rewrites these (framing and connection management): a clear error when the
// endpoint is saved beats a failure on every delivery.
const reservedHeaderNames = new Set([
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "expect",
]);

export const defaultApiKeyHeaderName = "X-API-Key";

const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "not a valid HTTP header name")
  .max(256)
  .refine((name) => !reservedHeaderNames.has(name.toLowerCase()), "this header is managed by the HTTP client");

export const noneAuthSettingsSchema = z.strictObject({});

export const apiKeyAuthSettingsSchema = z.strictObject({
  apiKey: credential,
  headerName: headerName.default(defaultApiKeyHeaderName).describe("Header carrying the key"),
});

export const basicAuthSettingsSchema = z.strictObject({
  // RFC 7617: the user-id cannot contain a colon, the password can
  username: z
    .string()
    .min(1)
    .max(1024)
    .regex(/^[^:\x00-\x1f\x7f]+$/, "no colon or control characters"),
  password: z.string().max(1024),
});

export const bearerAuthSettingsSchema = z.strictObject({ token: credential });

export const receiverAuthSettingsSchemas = {
  None: noneAuthSettingsSchema,
  ApiKey: apiKeyAuthSettingsSchema,
  Basic: basicAuthSettingsSchema,
  Bearer: bearerAuthSettingsSchema,
} as const satisfies Record<ReceiverAuthType, z.ZodType>;

export type ReceiverAuthSettings = {
  [Type in ReceiverAuthType]: z.output<(typeof receiverAuthSettingsSchemas)[Type]>;
};

/** Seed 000's `{authType, authSettings}` pair, settings checked against the chosen type. */
export const receiverAuthSchema = z.discriminatedUnion("authType", [
  z.strictObject({ authType: z.literal("None"), authSettings: noneAuthSettingsSchema.optional() }),
  z.strictObject({ authType: z.literal("ApiKey"), authSettings: apiKeyAuthSettingsSchema }),
  z.strictObject({ authType: z.literal("Basic"), authSettings: basicAuthSettingsSchema }),
  z.strictObject({ authType: z.literal("Bearer"), authSettings: bearerAuthSettingsSchema }),
]);

export type ReceiverAuth = z.infer<typeof receiverAuthSchema>;

export function receiverAuthHeaders<Type extends ReceiverAuthType>(
  authType: Type,
  settings: ReceiverAuthSettings[Type],
): Record<string, string> {
  const auth = { authType, authSettings: settings } as ReceiverAuth;
  switch (auth.authType) {
    case "None":
      return {};
    case "ApiKey":
      return { [auth.authSettings.headerName]: auth.authSettings.apiKey };
    case "Basic": {
      const { username, password } = auth.authSettings;
      return { Authorization: `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}` };
    }
    case "Bearer":
      return { Authorization: `Bearer ${auth.authSettings.token}` };
  }
}

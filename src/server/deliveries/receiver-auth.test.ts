import { describe, expect, it } from "vitest";
import {
  apiKeyAuthSettingsSchema,
  basicAuthSettingsSchema,
  bearerAuthSettingsSchema,
  receiverAuthHeaders,
  receiverAuthSchema,
  receiverAuthSettingsSchemas,
} from "@/server/deliveries/receiver-auth";

describe("receiver auth", () => {
  it("accepts seed 000's ApiKey and Basic bodies as documented", () => {
    expect(receiverAuthSchema.parse({ authType: "ApiKey", authSettings: { apiKey: "your-api-key" } })).toEqual({
      authType: "ApiKey",
      authSettings: { apiKey: "your-api-key", headerName: "X-API-Key" },
    });
    expect(
      receiverAuthSchema.parse({ authType: "Basic", authSettings: { username: "your-username", password: "your-password" } }),
    ).toEqual({ authType: "Basic", authSettings: { username: "your-username", password: "your-password" } });
    expect(receiverAuthSchema.parse({ authType: "None" })).toEqual({ authType: "None" });
  });

  it("rejects settings that do not belong to the chosen type or cannot travel in a header", () => {
    expect(receiverAuthSchema.safeParse({ authType: "Bearer", authSettings: { apiKey: "k" } }).success).toBe(false);
    expect(apiKeyAuthSettingsSchema.safeParse({ apiKey: "has space" }).success).toBe(false);
    expect(apiKeyAuthSettingsSchema.safeParse({ apiKey: "k", headerName: "Bad Header" }).success).toBe(false);
    expect(apiKeyAuthSettingsSchema.safeParse({ apiKey: "k", headerName: "Content-Length" }).success).toBe(false);
    expect(basicAuthSettingsSchema.safeParse({ username: "a:b", password: "p" }).success).toBe(false);
    expect(bearerAuthSettingsSchema.safeParse({ token: "line\r\nInjected: 1" }).success).toBe(false);
  });

  it("builds the headers each type sends", () => {
    expect(receiverAuthHeaders("None", {})).toEqual({});
    expect(receiverAuthHeaders("ApiKey", receiverAuthSettingsSchemas.ApiKey.parse({ apiKey: "k-123" }))).toEqual({ "X-API-Key": "k-123" });
    expect(receiverAuthHeaders("ApiKey", { apiKey: "k-123", headerName: "X-Partner-Key" })).toEqual({ "X-Partner-Key": "k-123" });
    expect(receiverAuthHeaders("Basic", { username: "zoë", password: "pa:ss" })).toEqual({
      Authorization: `Basic ${Buffer.from("zoë:pa:ss").toString("base64")}`,
    });
    expect(receiverAuthHeaders("Bearer", { token: "tok_abc" })).toEqual({ Authorization: "Bearer tok_abc" });
  });
});

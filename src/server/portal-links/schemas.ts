import { z } from "zod";

export const PORTAL_LINK_DEFAULT_SECONDS = 10 * 60;
export const PORTAL_LINK_MAX_SECONDS = 24 * 60 * 60;
/**
 * How long a portal session lasts once its link is opened. A product mints a link per page view of its
 * dashboard, so an hour covers a long visit, while a cookie left behind on a shared machine stops opening
 * the tenant's secrets soon after the visit ends (a session cannot be extended, only re-minted).
 */
export const PORTAL_SESSION_SECONDS = 60 * 60;

export const portalCapabilitySchema = z
  .enum(["full", "read"])
  .describe("full: everything the tenant can do; read: sees everything, changes nothing");

export const mintPortalLinkInput = z
  .strictObject({
    capability: portalCapabilitySchema.default("full"),
    expires_in: z
      .number()
      .int()
      .min(30)
      .max(PORTAL_LINK_MAX_SECONDS)
      .default(PORTAL_LINK_DEFAULT_SECONDS)
      .describe("seconds until the unopened link stops working (default 600, at most 86400)"),
  })
  .meta({ id: "CreatePortalLink", example: { capability: "full", expires_in: 600 } });
export type MintPortalLinkInput = z.input<typeof mintPortalLinkInput>;


export const portalLinkDto = z
  .object({
    url: z.url().describe("single-use: opening it starts a portal session scoped to the tenant"),
    capability: portalCapabilitySchema,
    expires_at: z.date().describe("the link stops working at this time if it was not opened"),
    session_seconds: z.number().int().describe("how long the portal session lasts once the link is opened"),
  })
  .meta({ id: "PortalLink" });
export type PortalLinkDto = z.infer<typeof portalLinkDto>;

import type { Actor } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { hashPortalToken, newPortalToken } from "./portal-token";
import { mintPortalLinkInput, PORTAL_SESSION_SECONDS, portalLinkDto, type MintPortalLinkInput, type PortalLinkDto } from "./schemas";

/** The path a portal link opens; the token is the only credential in it. */
export function portalLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/portal/${token}`;
}

/**
 * A single-use link to the tenant's portal, for the product to embed in its own dashboard. Only the
 * token's hash is stored; the URL is returned this once.
 */
export async function mintPortalLink({ db, tenantId, input, actor, publicUrl, now = new Date() }: {
  db: Db;
  tenantId: string;
  /** omitted: a full link valid for the default time */
  input?: MintPortalLinkInput;
  actor: Actor;
  publicUrl: string;
  now?: Date;
}): Promise<PortalLinkDto> {
  const { capability, expires_in } = mintPortalLinkInput.parse(input ?? {});
  const token = newPortalToken("link");
  const expiresAt = new Date(now.getTime() + expires_in * 1000);
  const row = await db.portalSession.create({
    data: { tenantId, capability, origin: "link", linkTokenHash: hashPortalToken(token), linkExpiresAt: expiresAt, createdByLabel: actor.label },
  });
  await recordActivity({
    db,
    tenantId,
    actor,
    action: "portal_link.created",
    targetId: row.id,
    summary: `Minted a ${capability === "read" ? "read-only" : "full"} portal link valid ${expires_in} s`,
  });
  return portalLinkDto.parse({ url: portalLinkUrl(publicUrl, token), capability, expires_at: expiresAt, session_seconds: PORTAL_SESSION_SECONDS });
}

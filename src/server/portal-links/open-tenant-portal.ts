import type { Actor } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { hashPortalToken, newPortalToken } from "./portal-token";
import { PORTAL_SESSION_SECONDS } from "./schemas";

/**
 * An operator steps into a tenant's portal: a full portal session, started at once (no link to hand
 * out), recorded in the tenant's activity log and shown with a banner for as long as it lasts.
 */
export async function openTenantPortal({ db, tenantId, operator, now = new Date() }: {
  db: Db;
  tenantId: string;
  operator: Actor;
  now?: Date;
}): Promise<{ sessionToken: string; expiresAt: Date }> {
  const sessionToken = newPortalToken("session");
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_SECONDS * 1000);
  const row = await db.portalSession.create({
    data: {
      tenantId,
      capability: "full",
      origin: "operator",
      // never handed out: the session starts here, so the link part is spent on creation
      linkTokenHash: hashPortalToken(newPortalToken("link")),
      linkExpiresAt: now,
      redeemedAt: now,
      sessionTokenHash: hashPortalToken(sessionToken),
      sessionExpiresAt: expiresAt,
      createdByLabel: operator.label,
    },
  });
  await recordActivity({ db, tenantId, actor: operator, action: "portal_session.opened_by_operator", targetId: row.id, summary: `Operator ${operator.label} opened the tenant's portal` });
  return { sessionToken, expiresAt };
}

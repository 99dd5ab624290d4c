import type { Db } from "@/server/db/client";
import { hashPortalToken, looksLikePortalToken } from "./portal-token";

/** Ends a portal session now (the operator leaving a tenant's portal); unknown tokens are ignored. */
export async function endPortalSession({ db, sessionToken, now = new Date() }: { db: Db; sessionToken: string; now?: Date }): Promise<void> {
  if (!looksLikePortalToken(sessionToken)) return;
  await db.portalSession.updateMany({
    where: { sessionTokenHash: hashPortalToken(sessionToken), sessionExpiresAt: { gt: now } },
    data: { sessionExpiresAt: now },
  });
}

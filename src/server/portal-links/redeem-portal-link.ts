import type { Db } from "@/server/db/client";
import { hashPortalToken, looksLikePortalToken, newPortalToken } from "./portal-token";
import { PORTAL_SESSION_SECONDS } from "./schemas";

export type RedeemedPortalLink =
  | { ok: true; sessionToken: string; expiresAt: Date }
  /** forged: no such link (or a tampered token); used: opened before; expired: never opened in time */
  | { ok: false; reason: "forged" | "used" | "expired" };

/**
 * Opens a portal link: the first request to do so (one conditional UPDATE, so two racing tabs cannot
 * both win) gets a new session token, whose hash is stored on the same row.
 */
export async function redeemPortalLink({ db, token, now = new Date() }: { db: Db; token: string; now?: Date }): Promise<RedeemedPortalLink> {
  if (!looksLikePortalToken(token) || !token.startsWith("hlp_")) return { ok: false, reason: "forged" };
  const linkTokenHash = hashPortalToken(token);
  const sessionToken = newPortalToken("session");
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_SECONDS * 1000);
  const { count } = await db.portalSession.updateMany({
    where: { linkTokenHash, redeemedAt: null, linkExpiresAt: { gt: now } },
    data: { redeemedAt: now, sessionTokenHash: hashPortalToken(sessionToken), sessionExpiresAt: expiresAt },
  });
  if (count === 1) return { ok: true, sessionToken, expiresAt };
  const link = await db.portalSession.findUnique({ where: { linkTokenHash }, select: { redeemedAt: true } });
  if (!link) return { ok: false, reason: "forged" };
  return { ok: false, reason: link.redeemedAt ? "used" : "expired" };
}

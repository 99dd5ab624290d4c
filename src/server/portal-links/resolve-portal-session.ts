import type { Db } from "@/server/db/client";
import type { Actor, Capability } from "@/server/access/caller";
import { hashPortalToken, looksLikePortalToken } from "./portal-token";

export type PortalSession = {
  id: string;
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  capability: Capability;
  /** link: embedded in the product's dashboard; operator: an operator opened the tenant from the console */
  origin: "link" | "operator";
  expiresAt: Date;
  actor: Actor;
};

/** The live portal session a cookie carries, or null (unknown, ended or expired). */
export async function resolvePortalSession({ db, sessionToken, now = new Date() }: {
  db: Db;
  sessionToken: string;
  now?: Date;
}): Promise<PortalSession | null> {
  if (!looksLikePortalToken(sessionToken) || !sessionToken.startsWith("hls_")) return null;
  const row = await db.portalSession.findFirst({
    where: { sessionTokenHash: hashPortalToken(sessionToken), sessionExpiresAt: { gt: now } },
    include: { tenant: { select: { name: true, slug: true } } },
  });
  if (!row?.sessionExpiresAt) return null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    tenantName: row.tenant.name,
    tenantSlug: row.tenant.slug,
    capability: row.capability,
    origin: row.origin,
    expiresAt: row.sessionExpiresAt,
    actor:
      row.origin === "operator"
        ? { kind: "operator", id: row.id, label: row.createdByLabel }
        : { kind: "portal_link", id: row.id, label: `portal link from ${row.createdByLabel}` },
  };
}

import type { TenantCaller } from "@/server/access/caller";
import { assertPermitted } from "@/server/access/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Stops a pending invitation's link at once; an accepted, revoked or another tenant's invitation is not found. */
export async function revokeInvitation({ db, caller, invitationId, now = new Date() }: {
  db: Db;
  caller: TenantCaller;
  invitationId: string;
  now?: Date;
}): Promise<void> {
  assertPermitted(caller, "members:manage");
  const { tenantId, actor } = caller;
  if (!uuidPattern.test(invitationId)) throw notFound("Invitation");
  const invitation = await db.invitation.findFirst({ where: { id: invitationId, tenantId, acceptedAt: null, revokedAt: null } });
  if (!invitation) throw notFound("Invitation");
  await db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw notFound("Invitation");
    await recordActivity({ db: tx, tenantId, actor, action: "invitation.revoked", targetId: invitation.id, summary: `Revoked the invitation of ${invitation.email}` });
  });
}

import type { TenantCaller } from "@/server/access/caller";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { keepAnOwner, lockMemberships, memberOf } from "./member-records";

/** The signed-in member leaves the tenant they act on; the last owner cannot (they delete it instead). */
export async function leaveTenant({ db, caller }: { db: Db; caller: TenantCaller }) {
  if (caller.actor.kind !== "user") throw new AppError("FORBIDDEN", "Only a member can leave a tenant; a portal session has no membership");
  const userId = caller.actor.id;
  await db.$transaction(async (tx) => {
    const memberships = await lockMemberships(tx, caller.tenantId);
    const member = memberOf(memberships, userId);
    keepAnOwner(memberships, userId, null);
    await tx.membership.delete({ where: { userId_tenantId: { userId, tenantId: caller.tenantId } } });
    await recordActivity({
      db: tx,
      tenantId: caller.tenantId,
      actor: caller.actor,
      action: "member.left",
      targetId: userId,
      summary: `${member.user.email} left the tenant`,
    });
  });
  return { tenant_id: caller.tenantId, left: true as const };
}

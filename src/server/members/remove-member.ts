import type { TenantCaller } from "@/server/access/caller";
import { assertPermitted } from "@/server/access/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { keepAnOwner, lockMemberships, memberOf } from "./member-records";
import { memberInput, type MemberInput } from "./schemas";

/**
 * Takes a member out of the tenant; their account stays (it may belong to other tenants). Only an owner
 * removes an owner, and never the last one. The removed member's next request no longer reaches the tenant.
 */
export async function removeMember({ db, caller, input }: { db: Db; caller: TenantCaller; input: MemberInput }) {
  const { user_id: userId } = memberInput.parse(input);
  await db.$transaction(async (tx) => {
    const memberships = await lockMemberships(tx, caller.tenantId);
    const member = memberOf(memberships, userId);
    assertPermitted(caller, member.role === "owner" ? "ownership:transfer" : "members:manage");
    keepAnOwner(memberships, userId, null);
    await tx.membership.delete({ where: { userId_tenantId: { userId, tenantId: caller.tenantId } } });
    await recordActivity({
      db: tx,
      tenantId: caller.tenantId,
      actor: caller.actor,
      action: "member.removed",
      targetId: userId,
      summary: `Removed ${member.user.email} (${member.role})`,
    });
  });
  return { user_id: userId, removed: true as const };
}

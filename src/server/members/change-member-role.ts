import type { TenantCaller } from "@/server/access/caller";
import { assertPermitted } from "@/server/access/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { keepAnOwner, lockMemberships, memberOf } from "./member-records";
import { changeMemberRoleInput, type ChangeMemberRoleInput } from "./schemas";

/**
 * Gives a member another role. Admins manage members below owner; making or unmaking an owner takes an
 * owner, and the last owner keeps the role.
 */
export async function changeMemberRole({ db, caller, input }: { db: Db; caller: TenantCaller; input: ChangeMemberRoleInput }) {
  const { user_id: userId, role } = changeMemberRoleInput.parse(input);
  return db.$transaction(async (tx) => {
    const memberships = await lockMemberships(tx, caller.tenantId);
    const member = memberOf(memberships, userId);
    if (member.role === role) return { user_id: userId, role };
    assertPermitted(caller, member.role === "owner" || role === "owner" ? "ownership:transfer" : "members:manage");
    keepAnOwner(memberships, userId, role);
    await tx.membership.update({ where: { userId_tenantId: { userId, tenantId: caller.tenantId } }, data: { role } });
    await recordActivity({
      db: tx,
      tenantId: caller.tenantId,
      actor: caller.actor,
      action: "member.role_changed",
      targetId: userId,
      summary: `Changed ${member.user.email} from ${member.role} to ${role}`,
    });
    return { user_id: userId, role };
  });
}

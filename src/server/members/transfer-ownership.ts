import type { TenantCaller } from "@/server/access/caller";
import { assertPermitted } from "@/server/access/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { lockMemberships, memberOf } from "./member-records";
import { memberInput, type MemberInput } from "./schemas";

/** An owner hands the tenant to another member: they become the owner, the caller an admin, at once. */
export async function transferOwnership({ db, caller, input }: { db: Db; caller: TenantCaller; input: MemberInput }) {
  assertPermitted(caller, "ownership:transfer");
  if (caller.actor.kind !== "user") throw new AppError("FORBIDDEN", "Only an owner who is a member can hand the tenant over");
  const from = caller.actor.id;
  const { user_id: to } = memberInput.parse(input);
  if (to === from) throw new AppError("BAD_REQUEST", "You already own this tenant: pick another member");
  await db.$transaction(async (tx) => {
    const memberships = await lockMemberships(tx, caller.tenantId);
    memberOf(memberships, from);
    const next = memberOf(memberships, to);
    await tx.membership.update({ where: { userId_tenantId: { userId: to, tenantId: caller.tenantId } }, data: { role: "owner" } });
    await tx.membership.update({ where: { userId_tenantId: { userId: from, tenantId: caller.tenantId } }, data: { role: "admin" } });
    await recordActivity({
      db: tx,
      tenantId: caller.tenantId,
      actor: caller.actor,
      action: "member.ownership_transferred",
      targetId: to,
      summary: `Handed ownership to ${next.user.email}; ${caller.actor.label} is now an admin`,
    });
  });
  return { owner: to, previous_owner_role: "admin" as const };
}

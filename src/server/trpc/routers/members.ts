import { changeMemberRole } from "@/server/members/change-member-role";
import { leaveTenant } from "@/server/members/leave-tenant";
import { listMembers } from "@/server/members/list-members";
import { removeMember } from "@/server/members/remove-member";
import { changeMemberRoleInput, memberInput } from "@/server/members/schemas";
import { transferOwnership } from "@/server/members/transfer-ownership";
import { router, tenantProcedure } from "../init";

export const membersRouter = router({
  list: tenantProcedure.meta({ access: "tenant:read" }).query(({ ctx }) => listMembers({ db: ctx.db, tenantId: ctx.tenantId })),
  changeRole: tenantProcedure
    .meta({ access: "members:manage" })
    .input(changeMemberRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole({ db: ctx.db, caller: ctx.caller, input })),
  remove: tenantProcedure
    .meta({ access: "members:manage" })
    .input(memberInput)
    .mutation(({ ctx, input }) => removeMember({ db: ctx.db, caller: ctx.caller, input })),
  leave: tenantProcedure.meta({ access: "membership:leave" }).mutation(({ ctx }) => leaveTenant({ db: ctx.db, caller: ctx.caller })),
  transferOwnership: tenantProcedure
    .meta({ access: "ownership:transfer" })
    .input(memberInput)
    .mutation(({ ctx, input }) => transferOwnership({ db: ctx.db, caller: ctx.caller, input })),
});

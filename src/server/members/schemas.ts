import { z } from "zod";
import { tenantRoles } from "@/server/access/permissions";

export const tenantRoleSchema = z.enum(tenantRoles);

const memberUserId = z.uuid("Pick a member");

export const changeMemberRoleInput = z.strictObject({ user_id: memberUserId, role: tenantRoleSchema });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleInput>;

/** removing a member, or making them an owner */
export const memberInput = z.strictObject({ user_id: memberUserId });
export type MemberInput = z.infer<typeof memberInput>;

export const memberDto = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: tenantRoleSchema,
  joined_at: z.date(),
  last_sign_in_at: z.date().nullable(),
});
export type MemberDto = z.infer<typeof memberDto>;

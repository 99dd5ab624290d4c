import { z } from "zod";
import type { MembershipRole } from "@/generated/prisma/enums";
import { emailSchema, passwordSchema, signUpInput } from "@/server/tenants/schemas";

/** Roles an invitation may give; ownership is transferred, never handed out by link. */
export const invitableRoles = ["admin", "developer", "viewer"] as const satisfies readonly MembershipRole[];
export const invitableRoleSchema = z.enum(invitableRoles);
export type InvitableRole = z.infer<typeof invitableRoleSchema>;

/** How long an invitation link works. */
export const INVITATION_VALID_DAYS = 7;

export const createInvitationInput = z.strictObject({
  email: emailSchema,
  role: invitableRoleSchema,
});
export type CreateInvitationInput = z.input<typeof createInvitationInput>;

/** The token in an invitation link: `hli_` and 43 base64url characters. */
export const INVITATION_TOKEN_PREFIX = "hli";
export const invitationTokenSchema = z.string().max(100);

export const acceptInvitationInput = z.strictObject({ token: invitationTokenSchema });

/** Signing up through an invitation: the email is the invitation's, and no tenant of one's own is made. */
export const signUpWithInvitationInput = z.strictObject({
  token: invitationTokenSchema,
  name: signUpInput.shape.name,
  password: passwordSchema,
});
export type SignUpWithInvitationInput = z.input<typeof signUpWithInvitationInput>;

export const invitationDto = z.object({
  id: z.uuid(),
  email: z.string(),
  role: invitableRoleSchema,
  /** pending: the link still works; expired: it no longer does (revoke it, invite again) */
  status: z.enum(["pending", "expired"]),
  invited_by: z.string(),
  expires_at: z.date(),
  created_at: z.date(),
});
export type InvitationDto = z.infer<typeof invitationDto>;

/**
 * A new invitation with its link, returned this once (only the token's hash is kept). `emailed` says
 * whether it went out: sent, not_configured (no SMTP: share the link yourself) or failed.
 */
export const createdInvitationDto = z.object({
  invitation: invitationDto,
  link: z.string(),
  emailed: z.enum(["sent", "not_configured", "failed"]),
});
export type CreatedInvitationDto = z.infer<typeof createdInvitationDto>;

/** What an invitation link's page shows before anyone signs in: the invitation, or why it no longer works. */
export type InvitationPreview =
  | { ok: true; tenantName: string; email: string; role: InvitableRole; invitedBy: string; expiresAt: Date; hasAccount: boolean }
  | { ok: false; reason: InvitationRefusal };

/** invalid: no such link (or a mistyped one); used, revoked, expired: it once worked */
export type InvitationRefusal = "invalid" | "used" | "revoked" | "expired";

export const invitationRefusalMessages: Record<InvitationRefusal, string> = {
  invalid: "This invitation link is not valid. Check that you copied all of it.",
  used: "This invitation has already been accepted.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  expired: "This invitation has expired. Ask for a new one.",
};

import type { TenantCaller } from "@/server/access/caller";
import { assertPermitted } from "@/server/access/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import { hashLinkToken, newLinkToken } from "@/server/crypto/link-token";
import type { Db } from "@/server/db/client";
import { sendEmail } from "@/server/email/mailer";
import { invitationEmail } from "@/server/email/templates";
import { AppError, notFound } from "@/server/errors";
import { invitationLink } from "./invitation-link";
import {
  createInvitationInput,
  INVITATION_TOKEN_PREFIX,
  INVITATION_VALID_DAYS,
  type CreateInvitationInput,
  type CreatedInvitationDto,
} from "./schemas";
import { toInvitationDto } from "./to-invitation-dto";

/**
 * Invites an email address into the tenant with a role: a single-use link that works for
 * INVITATION_VALID_DAYS, returned this once (only its hash is stored) and emailed when email is configured.
 * Inviting someone again replaces their pending invitation, so only the newest link works.
 */
export async function createInvitation({ db, caller, input, now = new Date() }: {
  db: Db;
  caller: TenantCaller;
  input: CreateInvitationInput;
  now?: Date;
}): Promise<CreatedInvitationDto> {
  const { email, role } = createInvitationInput.parse(input);
  assertPermitted(caller, "members:manage");
  const { tenantId, actor } = caller;
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { name: true } });
  if (!tenant) throw notFound("Tenant");
  const member = await db.membership.findFirst({ where: { tenantId, user: { email } }, select: { userId: true } });
  if (member) throw new AppError("CONFLICT", `${email} is already a member of ${tenant.name}`);

  const token = newLinkToken(INVITATION_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000);
  const row = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { tenantId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const created = await tx.invitation.create({
      data: { tenantId, email, role, tokenHash: hashLinkToken(token), expiresAt, invitedByLabel: actor.label, createdAt: now },
    });
    await recordActivity({ db: tx, tenantId, actor, action: "invitation.created", targetId: created.id, summary: `Invited ${email} as ${role}` });
    return created;
  });
  const link = invitationLink(token);
  const emailed = await sendEmail(invitationEmail({ to: email, tenantName: tenant.name, role, invitedBy: actor.label, link, expiresAt }));
  return { invitation: toInvitationDto(row, now), link, emailed };
}

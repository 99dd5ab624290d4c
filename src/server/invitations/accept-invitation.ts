import { recordActivity } from "@/server/activity/record-activity";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { tenantDto, type TenantDto } from "@/server/tenants/schemas";
import { Prisma } from "@/generated/prisma/client";
import { invitationRefused, loadInvitation } from "./load-invitation";
import { invitableRoleSchema, signUpWithInvitationInput, type InvitableRole } from "./schemas";

/** Who accepts: a signed-in user (whose email must be the invited one), or a new account for the invited email. */
export type Acceptor = { userId: string } | { newAccount: { name: string; password: string } };

export type AcceptedInvitation = { userId: string; email: string; tenant: TenantDto; role: InvitableRole };

/**
 * Spends an invitation link and makes its invitee a member with the invited role, signing them up first
 * when they have no account (no tenant of their own is made). Claiming the link is one conditional
 * UPDATE in the same transaction as the membership, so a link works once even when two tabs race.
 * Someone already a member keeps their role.
 */
export async function acceptInvitation({ db, token, as, now = new Date() }: { db: Db; token: string; as: Acceptor; now?: Date }): Promise<AcceptedInvitation> {
  const newAccount = "newAccount" in as ? signUpWithInvitationInput.parse({ token, ...as.newAccount }) : null;
  const loaded = await loadInvitation({ db, token, now });
  if (!loaded.ok) throw invitationRefused(loaded.reason);
  const { invitation } = loaded;
  const existing = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true, email: true } });
  if (newAccount && existing) throw new AppError("CONFLICT", `An account for ${invitation.email} exists already: sign in to accept the invitation`);
  if ("userId" in as && existing?.id !== as.userId) {
    throw new AppError("FORBIDDEN", `This invitation is for ${invitation.email}: sign in with that email to accept it`);
  }
  const passwordHash = newAccount ? await hashPassword(newAccount.password) : null;
  try {
    return await db.$transaction(async (tx) => {
      const { count } = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (count === 0) throw invitationRefused("used");
      const user =
        existing ??
        (await tx.user.create({ data: { email: invitation.email, name: newAccount!.name, passwordHash: passwordHash! }, select: { id: true, email: true } }));
      await tx.membership.upsert({
        where: { userId_tenantId: { userId: user.id, tenantId: invitation.tenantId } },
        create: { userId: user.id, tenantId: invitation.tenantId, role: invitation.role },
        update: {},
      });
      await recordActivity({
        db: tx,
        tenantId: invitation.tenantId,
        actor: { kind: "user", id: user.id, label: user.email },
        action: "invitation.accepted",
        targetId: invitation.id,
        summary: `${user.email} joined as ${invitation.role}`,
      });
      return { userId: user.id, email: user.email, tenant: tenantDto.parse(invitation.tenant), role: invitableRoleSchema.parse(invitation.role) };
    });
  } catch (error) {
    // the same email signed up at the same moment through another way in
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `An account for ${invitation.email} exists already: sign in to accept the invitation`);
    }
    throw error;
  }
}

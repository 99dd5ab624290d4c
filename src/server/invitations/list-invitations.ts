import type { Actor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";
import { emailConfigured } from "@/server/email/mailer";
import { requireMemberManager } from "./require-member-manager";
import type { InvitationDto } from "./schemas";
import { toInvitationDto } from "./to-invitation-dto";

/**
 * The tenant's invitations nobody accepted or revoked, newest first (expired ones say so), and whether
 * this install emails them (without email the inviter shares each link).
 */
export async function listInvitations({ db, tenantId, actor, now = new Date() }: {
  db: Db;
  tenantId: string;
  actor: Actor;
  now?: Date;
}): Promise<{ invitations: InvitationDto[]; emailConfigured: boolean }> {
  await requireMemberManager({ db, tenantId, actor });
  const rows = await db.invitation.findMany({
    where: { tenantId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return { invitations: rows.map((row) => toInvitationDto(row, now)), emailConfigured: emailConfigured() };
}

import type { TenantCaller } from "@/server/access/caller";
import { assertPermitted } from "@/server/access/permissions";
import type { Db } from "@/server/db/client";
import { emailConfigured } from "@/server/email/mailer";
import type { InvitationDto } from "./schemas";
import { toInvitationDto } from "./to-invitation-dto";

/**
 * The tenant's invitations nobody accepted or revoked, newest first (expired ones say so), and whether
 * this install emails them (without email the inviter shares each link).
 */
export async function listInvitations({ db, caller, now = new Date() }: {
  db: Db;
  caller: TenantCaller;
  now?: Date;
}): Promise<{ invitations: InvitationDto[]; emailConfigured: boolean }> {
  assertPermitted(caller, "members:manage");
  const rows = await db.invitation.findMany({
    where: { tenantId: caller.tenantId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return { invitations: rows.map((row) => toInvitationDto(row, now)), emailConfigured: emailConfigured() };
}

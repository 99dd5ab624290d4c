import type { Db } from "@/server/db/client";
import { loadInvitation } from "./load-invitation";
import { invitableRoleSchema, type InvitationPreview } from "./schemas";

/**
 * What an invitation link's page shows its visitor: the tenant, the role and the invited email (the
 * token's holder is the invitee), and whether that email has an account to sign in with or signs up.
 */
export async function previewInvitation({ db, token, now = new Date() }: { db: Db; token: string; now?: Date }): Promise<InvitationPreview> {
  const loaded = await loadInvitation({ db, token, now });
  if (!loaded.ok) return loaded;
  const { invitation } = loaded;
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    ok: true,
    tenantName: invitation.tenant.name,
    email: invitation.email,
    role: invitableRoleSchema.parse(invitation.role),
    invitedBy: invitation.invitedByLabel,
    expiresAt: invitation.expiresAt,
    hasAccount: account !== null,
  };
}

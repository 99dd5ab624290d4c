import type { Invitation } from "@/generated/prisma/client";
import { hashLinkToken, looksLikeLinkToken } from "@/server/crypto/link-token";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { INVITATION_TOKEN_PREFIX, invitationRefusalMessages, type InvitationRefusal } from "./schemas";

export type LoadedInvitation =
  | { ok: true; invitation: Invitation & { tenant: { id: string; slug: string; name: string } } }
  | { ok: false; reason: InvitationRefusal };

/** The invitation a link's token names, if it still works; a malformed token is refused without a query. */
export async function loadInvitation({ db, token, now }: { db: Db; token: string; now: Date }): Promise<LoadedInvitation> {
  if (!looksLikeLinkToken(INVITATION_TOKEN_PREFIX, token)) return { ok: false, reason: "invalid" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { tenant: { select: { id: true, slug: true, name: true } } },
  });
  if (!invitation) return { ok: false, reason: "invalid" };
  if (invitation.acceptedAt) return { ok: false, reason: "used" };
  if (invitation.revokedAt) return { ok: false, reason: "revoked" };
  if (invitation.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, invitation };
}

/** A link that does not work: a mistyped one is not found, one that worked before is a conflict with its state. */
export function invitationRefused(reason: InvitationRefusal): AppError {
  return new AppError(reason === "invalid" ? "NOT_FOUND" : "CONFLICT", invitationRefusalMessages[reason], { reason });
}

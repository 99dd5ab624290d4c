import type { Actor } from "@/server/access/caller";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";

const MEMBER_MANAGERS: ReadonlySet<string> = new Set(["owner", "admin"]);

/**
 * Invitations are member management: only the tenant's owners and admins, signed in as themselves (not
 * through a portal link, an operator's session or an API key), may send, list or revoke them.
 */
export async function requireMemberManager({ db, tenantId, actor }: { db: Db; tenantId: string; actor: Actor }): Promise<void> {
  const membership =
    actor.kind === "user"
      ? await db.membership.findUnique({ where: { userId_tenantId: { userId: actor.id, tenantId } }, select: { role: true } })
      : null;
  if (!membership || !MEMBER_MANAGERS.has(membership.role)) {
    throw new AppError("FORBIDDEN", "Only the tenant's owners and admins can manage invitations");
  }
}

import type { Db } from "@/server/db/client";
import { tenantRoles } from "@/server/access/permissions";
import { memberDto, type MemberDto } from "./schemas";

/** The tenant's members, owners first, then by when they joined. */
export async function listMembers({ db, tenantId }: { db: Db; tenantId: string }): Promise<MemberDto[]> {
  const rows = await db.membership.findMany({
    where: { tenantId },
    include: { user: { select: { email: true, name: true, lastSignInAt: true } } },
    orderBy: { createdAt: "asc" },
  });
  const rank = (role: (typeof tenantRoles)[number]) => -tenantRoles.indexOf(role);
  return rows
    .sort((a, b) => rank(a.role) - rank(b.role))
    .map((row) =>
      memberDto.parse({
        user_id: row.userId,
        email: row.user.email,
        name: row.user.name,
        role: row.role,
        joined_at: row.createdAt,
        last_sign_in_at: row.user.lastSignInAt,
      }),
    );
}

import type { Db } from "@/server/db/client";
import { tenantDto } from "./schemas";

export async function listUserTenants({ db, userId }: { db: Db; userId: string }) {
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { tenant: true },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ ...tenantDto.parse(m.tenant), role: m.role }));
}

import type { Actor } from "@/server/access/caller";
import type { TenantRole } from "@/server/access/permissions";
import { recordActivity } from "@/server/activity/record-activity";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";

/**
 * Puts an existing account into a tenant with a role, or gives a member that role (`npm run member`: the
 * install's operator adding a person by hand). The account must exist: its owner signed up first.
 */
export async function addMember({ db, tenantSlug, email, role, actor }: { db: Db; tenantSlug: string; email: string; role: TenantRole; actor: Actor }) {
  const [tenant, user] = await Promise.all([db.tenant.findUnique({ where: { slug: tenantSlug } }), db.user.findUnique({ where: { email } })]);
  if (!tenant) throw notFound(`Tenant "${tenantSlug}"`);
  if (!user) throw notFound(`User ${email}`);
  await db.$transaction(async (tx) => {
    await tx.membership.upsert({
      where: { userId_tenantId: { userId: user.id, tenantId: tenant.id } },
      create: { userId: user.id, tenantId: tenant.id, role },
      update: { role },
    });
    await recordActivity({ db: tx, tenantId: tenant.id, actor, action: "member.added", targetId: user.id, summary: `Added ${email} as ${role}` });
  });
  return { tenant: { name: tenant.name, slug: tenant.slug }, email, role };
}

import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { listUserTenants } from "./list-user-tenants";

/**
 * The tenant a portal request acts on: the one the user picked (cookie) when they are a member of it,
 * else their first tenant. Membership is checked on every request, so a removed member loses access at once.
 */
export async function resolveActiveTenant({ db, userId, preferredSlug }: { db: Db; userId: string; preferredSlug?: string }) {
  const tenants = await listUserTenants({ db, userId });
  const active = tenants.find((t) => t.slug === preferredSlug) ?? tenants[0];
  if (!active) throw notFound("Tenant");
  return { active, tenants };
}

import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { listUserTenants } from "./list-user-tenants";

/** One of the user's tenants by slug; a tenant they are not a member of is NOT_FOUND, like one that does not exist. */
export async function findMemberTenant({ db, userId, slug }: { db: Db; userId: string; slug: string }) {
  const tenant = (await listUserTenants({ db, userId })).find((t) => t.slug === slug);
  if (!tenant) throw notFound("Tenant");
  return tenant;
}

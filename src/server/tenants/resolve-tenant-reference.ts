import type { Tenant } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { isUuid } from "@/server/endpoints/endpoint-records";
import { externalIdSchema } from "./schemas";

/**
 * The tenant a platform caller names, by Hookline's id or by the product's external id (the id wins when
 * a value is both). Anything else, malformed included, is the same NOT_FOUND.
 */
export async function resolveTenantReference({ db, reference }: { db: Db; reference: string }): Promise<Tenant> {
  const byId = isUuid(reference) ? await db.tenant.findUnique({ where: { id: reference } }) : null;
  if (byId) return byId;
  const byExternalId = externalIdSchema.safeParse(reference).success
    ? await db.tenant.findUnique({ where: { externalId: reference } })
    : null;
  if (!byExternalId) throw notFound("Tenant");
  return byExternalId;
}

import type { TenantCaller } from "@/server/access/caller";
import { assertPermitted } from "@/server/access/permissions";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { deleteTenant } from "./delete-tenant";
import { deleteOwnTenantInput, type DeleteOwnTenantInput } from "./schemas";

/** An owner deletes the tenant they act on, having typed its name; everything goes as with the operator's delete. */
export async function deleteOwnTenant({ db, caller, input }: { db: Db; caller: TenantCaller; input: DeleteOwnTenantInput }) {
  assertPermitted(caller, "tenant:delete");
  const { confirm_name } = deleteOwnTenantInput.parse(input);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: caller.tenantId }, select: { name: true } });
  if (confirm_name.trim() !== tenant.name) throw new AppError("BAD_REQUEST", "Type the tenant's name exactly to delete it");
  return deleteTenant({ db, reference: caller.tenantId, actor: caller.actor });
}

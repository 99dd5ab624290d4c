import { cookies } from "next/headers";
import { env } from "@/server/env";
import { createTenant } from "@/server/tenants/create-tenant";
import { deleteOwnTenant } from "@/server/tenants/delete-own-tenant";
import { findMemberTenant } from "@/server/tenants/find-member-tenant";
import { createOwnTenantInput, deleteOwnTenantInput, switchTenantInput } from "@/server/tenants/schemas";
import { ACTIVE_TENANT_COOKIE } from "../context";
import { protectedProcedure, router, tenantProcedure } from "../init";

/** The portal acts on this tenant from the next request on (membership is still checked on every call). */
async function selectTenant(slug: string) {
  const secure = new URL(env().publicUrl).protocol === "https:";
  (await cookies()).set(ACTIVE_TENANT_COOKIE, slug, { httpOnly: true, path: "/", sameSite: "lax", secure, maxAge: 365 * 24 * 60 * 60 });
}

/** The tenants a signed-in person belongs to, seen from the portal (the operator's are under `operator.tenants`). */
export const tenantsRouter = router({
  /** a new tenant owned by the caller, which the portal then shows */
  create: protectedProcedure
    .meta({ access: "signed-in" })
    .input(createOwnTenantInput)
    .mutation(async ({ ctx, input }) => {
      const actor = { kind: "user" as const, id: ctx.user.id, label: ctx.user.email };
      const tenant = await createTenant({ db: ctx.db, input, actor, ownerUserId: ctx.user.id });
      await selectTenant(tenant.slug);
      return { id: tenant.id, slug: tenant.slug, name: tenant.name };
    }),
  switch: protectedProcedure
    .meta({ access: "signed-in" })
    .input(switchTenantInput)
    .mutation(async ({ ctx, input }) => {
      const tenant = await findMemberTenant({ db: ctx.db, userId: ctx.user.id, slug: input.slug });
      await selectTenant(tenant.slug);
      return tenant;
    }),
  delete: tenantProcedure
    .meta({ access: "tenant:delete" })
    .input(deleteOwnTenantInput)
    .mutation(({ ctx, input }) => deleteOwnTenant({ db: ctx.db, caller: ctx.caller, input })),
});

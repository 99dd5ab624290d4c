import { env } from "@/server/env";
import { createTenant } from "@/server/tenants/create-tenant";
import { deleteOwnTenant } from "@/server/tenants/delete-own-tenant";
import { findMemberTenant } from "@/server/tenants/find-member-tenant";
import { createOwnTenantInput, deleteOwnTenantInput, switchTenantInput } from "@/server/tenants/schemas";
import { ACTIVE_TENANT_COOKIE } from "../context";
import { protectedProcedure, router, tenantProcedure } from "../init";

/**
 * The portal acts on this tenant from the browser's next request on (membership is still checked on every
 * call). Callers without an HTTP response (server components, tests) pick their tenant in their context.
 */
function selectTenant(responseHeaders: Headers | undefined, slug: string) {
  const secure = new URL(env().publicUrl).protocol === "https:" ? "; Secure" : "";
  responseHeaders?.append("set-cookie", `${ACTIVE_TENANT_COOKIE}=${encodeURIComponent(slug)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`);
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
      selectTenant(ctx.responseHeaders, tenant.slug);
      return { id: tenant.id, slug: tenant.slug, name: tenant.name };
    }),
  switch: protectedProcedure
    .meta({ access: "signed-in" })
    .input(switchTenantInput)
    .mutation(async ({ ctx, input }) => {
      const tenant = await findMemberTenant({ db: ctx.db, userId: ctx.user.id, slug: input.slug });
      selectTenant(ctx.responseHeaders, tenant.slug);
      return tenant;
    }),
  delete: tenantProcedure
    .meta({ access: "tenant:delete" })
    .input(deleteOwnTenantInput)
    .mutation(({ ctx, input }) => deleteOwnTenant({ db: ctx.db, caller: ctx.caller, input })),
});

import { cookies } from "next/headers";
import { z } from "zod";
import { listActivity } from "@/server/activity/list-activity";
import { listActivityQuery } from "@/server/activity/schemas";
import { createPlatformApiKey } from "@/server/api-keys/create-platform-api-key";
import { listApiKeys } from "@/server/api-keys/list-api-keys";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { createPlatformApiKeyInput } from "@/server/api-keys/schemas";
import { PORTAL_SESSION_COOKIE, portalSessionCookieAttributes } from "@/server/auth/portal-session-cookie";
import { getDashboardStats } from "@/server/dashboard/get-dashboard-stats";
import { dashboardStatsInput } from "@/server/dashboard/schemas";
import { getDelivery } from "@/server/deliveries/get-delivery";
import { env } from "@/server/env";
import { getTenantOverview } from "@/server/operators/get-tenant-overview";
import { sendDemoEventInput, tenantReferenceInput } from "@/server/operators/schemas";
import { sendDemoEvent } from "@/server/operators/send-demo-event";
import { mintPortalLink } from "@/server/portal-links/mint-portal-link";
import { openTenantPortal } from "@/server/portal-links/open-tenant-portal";
import { mintPortalLinkInput } from "@/server/portal-links/schemas";
import { createTenant } from "@/server/tenants/create-tenant";
import { listTenants } from "@/server/tenants/list-tenants";
import { resolveTenantReference } from "@/server/tenants/resolve-tenant-reference";
import { createTenantInput, listTenantsQuery } from "@/server/tenants/schemas";
import { operatorProcedure, router } from "../init";

/** An operator acting on one tenant, named by id or external id; an unknown tenant is NOT_FOUND. */
const tenantOperatorProcedure = operatorProcedure.input(tenantReferenceInput).use(async ({ ctx, input, next }) => {
  const tenant = await resolveTenantReference({ db: ctx.db, reference: input.tenant });
  return next({ ctx: { ...ctx, tenantId: tenant.id } });
});

export const operatorRouter = router({
  tenants: router({
    list: operatorProcedure.input(listTenantsQuery.optional()).query(({ ctx, input }) => listTenants({ db: ctx.db, query: input })),
    get: operatorProcedure
      .input(tenantReferenceInput)
      .query(({ ctx, input }) => getTenantOverview({ db: ctx.db, reference: input.tenant })),
    create: operatorProcedure
      .input(createTenantInput)
      .mutation(({ ctx, input }) => createTenant({ db: ctx.db, input, actor: ctx.operator })),
    /** the response is the only time the link is shown */
    mintPortalLink: tenantOperatorProcedure
      .input(z.object({ data: mintPortalLinkInput }))
      .mutation(({ ctx, input }) =>
        mintPortalLink({ db: ctx.db, tenantId: ctx.tenantId, input: input.data, actor: ctx.operator, publicUrl: env().publicUrl }),
      ),
    /** starts the operator's own session in the tenant's portal; the browser then opens /dashboard */
    openPortal: tenantOperatorProcedure.mutation(async ({ ctx }) => {
      const { sessionToken, expiresAt } = await openTenantPortal({ db: ctx.db, tenantId: ctx.tenantId, operator: ctx.operator });
      // the public origin, not this hop behind a proxy, decides whether the browser needs a Secure cookie
      (await cookies()).set(PORTAL_SESSION_COOKIE, sessionToken, portalSessionCookieAttributes(env().publicUrl, expiresAt));
      return { expiresAt };
    }),
    sendDemoEvent: tenantOperatorProcedure
      .input(z.object({ data: sendDemoEventInput }))
      .mutation(({ ctx, input }) =>
        sendDemoEvent({
          db: ctx.db,
          tenantId: ctx.tenantId,
          input: input.data,
          actor: ctx.operator,
          publicUrl: env().publicUrl,
          encryptionKey: env().encryptionKey,
        }),
      ),
    /** one delivery with its attempts, polled by the console while a demo event arrives */
    delivery: tenantOperatorProcedure
      .input(z.object({ id: z.uuid() }))
      .query(({ ctx, input }) => getDelivery({ db: ctx.db, tenantId: ctx.tenantId, deliveryId: input.id })),
  }),
  /** deliveries of every tenant over time, for the console's chart */
  stats: operatorProcedure
    .input(dashboardStatsInput)
    .query(({ ctx, input }) => getDashboardStats({ db: ctx.db, tenantId: "all", input })),
  apiKeys: router({
    list: operatorProcedure.query(({ ctx }) => listApiKeys({ db: ctx.db, tenantId: null })),
    /** the response is the only time the key is shown */
    create: operatorProcedure
      .input(createPlatformApiKeyInput)
      .mutation(({ ctx, input }) => createPlatformApiKey({ db: ctx.db, input, actor: ctx.operator })),
    revoke: operatorProcedure
      .input(z.object({ id: z.uuid() }))
      .mutation(({ ctx, input }) => revokeApiKey({ db: ctx.db, tenantId: null, apiKeyId: input.id, actor: ctx.operator })),
  }),
  activity: router({
    /** the whole install's log, every tenant's and the install-level entries */
    list: operatorProcedure
      .input(listActivityQuery.optional())
      .query(({ ctx, input }) => listActivity({ db: ctx.db, tenantId: "all", query: input })),
  }),
});

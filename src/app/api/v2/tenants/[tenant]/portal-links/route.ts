import { env } from "@/server/env";
import { mintPortalLink } from "@/server/portal-links/mint-portal-link";
import { mintPortalLinkInput } from "@/server/portal-links/schemas";
import { json } from "@/server/rest/respond";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { withPlatformKey } from "@/server/rest/with-api-key";
import { resolveTenantReference } from "@/server/tenants/resolve-tenant-reference";

type Params = { tenant: string };

// POST /api/v2/tenants/{tenant}/portal-links — a single-use link that opens the tenant's portal, for embedding
export const POST = withPlatformKey<Params>(
  async ({ db, actor, params, body }) => {
    const input = await body(mintPortalLinkInput.optional());
    const tenant = await resolveTenantReference({ db, reference: params.tenant });
    return json(await mintPortalLink({ db, tenantId: tenant.id, input, actor, publicUrl: env().publicUrl }), 201);
  },
  { scope: "portal-links" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);

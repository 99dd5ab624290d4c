import { json } from "@/server/rest/respond";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { withPlatformKey } from "@/server/rest/with-api-key";
import { createTenant } from "@/server/tenants/create-tenant";
import { listTenants } from "@/server/tenants/list-tenants";
import { createTenantInput, listTenantsQuery } from "@/server/tenants/schemas";

// GET /api/v2/tenants — every tenant with its health figures, newest first; ?search= by name or external id
export const GET = withPlatformKey(
  async ({ db, query }) => json(await listTenants({ db, query: query(listTenantsQuery) })),
  { scope: "tenants:read" },
);

// POST /api/v2/tenants — create a tenant for one of the product's customers
export const POST = withPlatformKey(
  async ({ db, actor, body }) => json(await createTenant({ db, actor, input: await body(createTenantInput) }), 201),
  { scope: "tenants:write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET", "POST"]);

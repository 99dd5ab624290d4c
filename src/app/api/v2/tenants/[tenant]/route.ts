import { json } from "@/server/rest/respond";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { withPlatformKey } from "@/server/rest/with-api-key";
import { deleteTenant } from "@/server/tenants/delete-tenant";
import { getTenant } from "@/server/tenants/get-tenant";
import { updateTenantInput } from "@/server/tenants/schemas";
import { updateTenant } from "@/server/tenants/update-tenant";

type Params = { tenant: string };

// GET /api/v2/tenants/{tenant} — one tenant by id or external id, with its health figures
export const GET = withPlatformKey<Params>(
  async ({ db, params }) => json(await getTenant({ db, reference: params.tenant })),
  { scope: "tenants:read" },
);

// PATCH /api/v2/tenants/{tenant} — change the name, external id or metadata; fields left out keep their values
export const PATCH = withPlatformKey<Params>(
  async ({ db, actor, params, body }) => json(await updateTenant({ db, actor, reference: params.tenant, input: await body(updateTenantInput) })),
  { scope: "tenants:write" },
);

// DELETE /api/v2/tenants/{tenant} — delete the tenant and all its data; unfinished deliveries stop
export const DELETE = withPlatformKey<Params>(
  async ({ db, actor, params }) => json(await deleteTenant({ db, actor, reference: params.tenant })),
  { scope: "tenants:write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, OPTIONS } = otherMethodsNotAllowed(["GET", "PATCH", "DELETE"]);

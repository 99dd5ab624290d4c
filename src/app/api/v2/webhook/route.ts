import { getPrimaryWebhook } from "@/server/endpoints/get-primary-webhook";
import { upsertPrimaryWebhookInput } from "@/server/endpoints/primary-webhook-schemas";
import { upsertPrimaryWebhook } from "@/server/endpoints/upsert-primary-webhook";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// GET /api/v2/webhook — the tenant's primary webhook: url, every event as a boolean, signature_enabled
export const GET = withApiKey(async ({ db, tenantId }) => json(await getPrimaryWebhook({ db, tenantId })), { scope: "read" });

// PUT /api/v2/webhook — create or update the primary webhook (seed 002 § 2 and § 5)
export const PUT = withApiKey(
  async ({ db, tenantId, caller, body }) => json(await upsertPrimaryWebhook({ db, tenantId, actor: caller.actor, input: await body(upsertPrimaryWebhookInput) })),
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PATCH, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET", "PUT"]);

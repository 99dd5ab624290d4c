import { getPrimaryWebhookToken } from "@/server/endpoints/get-primary-webhook-token";
import { rotatePrimaryWebhookToken } from "@/server/endpoints/rotate-primary-webhook-token";
import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";

// GET /api/v2/webhook/token — the primary webhook's secret token (seed 002 § 3)
export const GET = withApiKey(async ({ db, tenantId }) => json(await getPrimaryWebhookToken({ db, tenantId })), { scope: "write" });

// PATCH /api/v2/webhook/token — generate a new secret token (seed 002 § 4)
export const PATCH = withApiKey(async ({ db, tenantId, caller }) => json(await rotatePrimaryWebhookToken({ db, tenantId, actor: caller.actor })), { scope: "write" });

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { POST, PUT, DELETE, OPTIONS } = otherMethodsNotAllowed(["GET", "PATCH"]);

import { publishMessage } from "@/server/messages/publish-message";
import { publishMessages } from "@/server/messages/publish-messages";
import { publishMessageInput, publishMessagesInput } from "@/server/messages/schemas";
import { MAX_BATCH_BODY_BYTES } from "./body";
import { idempotencyKeyFrom, refuseIdempotencyKeyHeader } from "./rest-schemas";
import { json } from "./respond";
import { withApiKey, withApiKeyForItemTenants } from "./with-api-key";

/**
 * The publishing routes' handlers. Their route files export them to Next.js, and the web server
 * (src/server/web) also mounts them directly on its Node HTTP server, so the hottest requests skip Next's
 * per-request work (see docs/benchmarks.md).
 */

/** POST /api/v2/messages — publish an event to every subscribed endpoint; a repeated idempotency key returns the first result */
export const publishMessageRoute = withApiKey(
  async ({ db, tenantId, request, body }) => {
    const input = await body(publishMessageInput);
    const idempotency_key = idempotencyKeyFrom(request.headers, input.idempotency_key);
    const { message, replayed } = await publishMessage({ db, tenantId, input: { ...input, idempotency_key } });
    return json(message, 202, replayed ? { "Idempotent-Replayed": "true" } : undefined);
  },
  { scope: "publish" },
);

/** POST /api/v2/messages/batch — publish up to 1,000 events at once, all or none; each idempotency key is honoured on its own */
export const publishMessagesRoute = withApiKeyForItemTenants(
  async ({ db, request, body, ...publisher }) => {
    refuseIdempotencyKeyHeader(request.headers);
    const input = await body(publishMessagesInput, { maxBytes: MAX_BATCH_BODY_BYTES });
    return json(await publishMessages({ db, publisher, input }), 202);
  },
  { scope: "publish" },
);

/** The routes the web server answers without Next.js, by method and exact path. */
export const directRoutes = new Map([
  ["POST /api/v2/messages", publishMessageRoute],
  ["POST /api/v2/messages/batch", publishMessagesRoute],
]);

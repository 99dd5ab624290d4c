import { json } from "@/server/rest/respond";
import { withApiKey } from "@/server/rest/with-api-key";
import { otherMethodsNotAllowed } from "@/server/rest/method-not-allowed";
import { sendTestMessagesInput } from "@/server/subscriptions/schemas";
import { sendTestMessages } from "@/server/subscriptions/send-test-messages";

// POST /notifications/messages/test — send each event's sample payload to a subscription's URL now, signed, and report how it went (seed 004)
export const POST = withApiKey(
  async ({ db, tenantId, body }) => json(await sendTestMessages({ db, tenantId, input: await body(sendTestMessagesInput) })),
  { scope: "write" },
);

// any other method: 405 with Allow, in the API's error shape; OPTIONS: 204 with Allow
export const { GET, PUT, PATCH, DELETE, HEAD, OPTIONS } = otherMethodsNotAllowed(["POST"]);

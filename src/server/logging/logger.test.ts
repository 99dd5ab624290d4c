import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver } from "@/test/http-receiver";
import { captureLogs } from "@/test/log-capture";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { publishMessage } from "@/server/messages/publish-message";
import { attemptDeliveries } from "@/server/deliveries/attempt-deliveries";
import { attemptDelivery } from "@/server/deliveries/attempt-delivery";
import { deliveryRuntime } from "@/server/deliveries/delivery-runtime";
import { log } from "./logger";

let database: TestDatabase;
const db = () => database.prisma;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Runs `work` with every level logged, and returns the lines it wrote. */
async function linesOf(work: () => Promise<void>) {
  const level = log.level;
  log.level = "trace";
  const logs = captureLogs();
  try {
    await work();
  } finally {
    logs.restore();
    log.level = level;
  }
  return logs.lines;
}

describe("the delivery log", () => {
  it("writes each step of a delivery as a JSON line carrying its tenant, endpoint, message, delivery and attempt", async () => {
    const { tenantId } = await createTestTenant(db());
    const healthy = await startReceiver();
    const failing = await startReceiver([{ status: 503 }]);
    const input = { enabled_events: ["RiskAssessmentCalculated" as const], retry_count: 1, retry_interval: 1 };
    const healthyEndpoint = await createEndpoint({ db: db(), tenantId, input: { ...input, url: healthy.url } });
    const failingEndpoint = await createEndpoint({ db: db(), tenantId, input: { ...input, url: failing.url } });
    // no Inngest in this process: the deliveries wait, pending, for the attempts made below
    const { message } = await publishMessage({
      db: db(),
      tenantId,
      input: { event_type: "RiskAssessmentCalculated", payload: { RiskAssessmentId: "1", SubmissionId: "2", Risk: "Low", ClientRating: "Retail" } },
    });
    const deliveryOf = (endpointId: string) => message.deliveries.find((d) => d.endpoint_id === endpointId)!.id;
    const runtime = deliveryRuntime();

    const lines = await linesOf(async () => {
      const { handovers } = await attemptDeliveries({ db: db(), deliveryIds: message.deliveries.map((d) => d.id), runtime });
      expect(handovers).toHaveLength(1);
      // the retry the handover asks for: the endpoint's last, after which the delivery gives up
      expect(await attemptDelivery({ db: db(), deliveryId: handovers[0]!.deliveryId, attemptIndex: 2, runtime })).toMatchObject({ done: true, status: "failed" });
    });

    const ids = (endpointId: string) => ({ tenantId, endpointId, messageId: message.id, deliveryId: deliveryOf(endpointId) });
    const about = (endpointId: string) => lines.filter((line) => line.deliveryId === deliveryOf(endpointId));
    expect(about(healthyEndpoint.id)).toEqual([
      expect.objectContaining({ level: 20, msg: "delivery attempt succeeded", attempt: 1, status: 200, ...ids(healthyEndpoint.id) }),
    ]);
    expect(about(failingEndpoint.id)).toEqual([
      expect.objectContaining({ level: 40, msg: "delivery attempt failed; retrying later", attempt: 1, status: 503, retryInSeconds: 1, ...ids(failingEndpoint.id) }),
      expect.objectContaining({ level: 20, msg: "delivery handed over for retries", attempt: 1, ...ids(failingEndpoint.id) }),
      expect.objectContaining({ level: 40, msg: "delivery attempt failed; giving up", attempt: 2, status: 503, outcome: "failed", ...ids(failingEndpoint.id) }),
    ]);
    for (const line of lines) expect(line).toMatchObject({ service: "hookline", time: expect.any(Number) });
    await Promise.all([healthy.close(), failing.close()]);
  });
});

describe("secrets in log lines", () => {
  it("are replaced wherever they sit among a line's fields", async () => {
    const secrets = ["Bearer hk_live_2c9f1e", "next-auth.session-token=eyJh", "whsec_MfKQ9r2", "hunter2-password", "tok_91be", "hk_op_77aa"];
    const lines = await linesOf(async () => {
      log.child({ component: "test" }).info(
        {
          headers: { authorization: secrets[0], cookie: secrets[1], "content-type": "application/json" },
          endpoint: { id: "e1", secret: secrets[2], auth: { settings: { password: secrets[3], token: secrets[4] } } },
          apiKey: secrets[5],
        },
        "request received",
      );
    });
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      headers: { authorization: "[REDACTED]", cookie: "[REDACTED]", "content-type": "application/json" },
      endpoint: { id: "e1", secret: "[REDACTED]", auth: { settings: { password: "[REDACTED]", token: "[REDACTED]" } } },
      apiKey: "[REDACTED]",
    });
  });
});

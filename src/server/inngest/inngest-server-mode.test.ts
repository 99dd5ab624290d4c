import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { startReceiver } from "@/test/http-receiver";
import { waitForDelivery } from "@/test/delivery-harness";
import { startExecutorWithApp } from "@/executor/test/harness";
import { loadEnv } from "@/server/env-loader";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { publishMessage } from "@/server/messages/publish-message";
import { requireEventType } from "@/server/catalog";
import { getInngest } from "./client";
import { createHooklineFunctions } from "./functions";

// Production runs the same functions on an Inngest server (Cloud or `inngest start`), configured only by
// INNGEST_BASE_URL / INNGEST_SIGNING_KEY / INNGEST_EVENT_KEY. No Inngest server can be installed on this
// machine, so an executor in the role of the server stands in: it speaks the same SDK protocol, signs its
// requests with a production-style key, and takes events at INNGEST_BASE_URL — the app is not in embedded mode.
const serverKeys = {
  signingKey: `signkey-prod-${randomBytes(32).toString("hex")}`,
  eventKey: randomBytes(16).toString("hex"),
};

let database: TestDatabase;
let server: Awaited<ReturnType<typeof startExecutorWithApp>>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startExecutorWithApp({ prisma: database.prisma, pollIntervalMs: 50, ...serverKeys }, () => {
    const inngest = getInngest();
    return { inngest, functions: createHooklineFunctions(inngest, { getDb: async () => database.prisma }) };
  });
});
afterAll(async () => {
  await server?.stop();
  await database?.close();
});

describe("running on an Inngest server", () => {
  it("takes the Inngest variables as a server, not the embedded executor", () => {
    // the environment as the server hands it to the app: its URL and production-style keys
    expect(loadEnv(process.env).execution).toBe("inngest-server");
    // the same variables with keys the embedded executor minted point at this process, not at a server
    expect(loadEnv({ ...process.env, INNGEST_SIGNING_KEY: `signkey-embedded-${randomBytes(32).toString("hex")}` }).execution).toBe("embedded");
  });

  it("delivers through events sent to INNGEST_BASE_URL and signed calls to /api/inngest", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const receiver = await startReceiver();
    await createEndpoint({ db, tenantId, input: { url: receiver.url, enabled_events: ["user.created"] } });
    const { message } = await publishMessage({
      db,
      tenantId,
      input: { event_type: "user.created", payload: requireEventType("user.created").example as object },
    });
    expect((await waitForDelivery(db, message.deliveries[0]!.id)).status).toBe("succeeded");
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ eventTypeId: "user.created", eventId: message.id });
    await receiver.close();
  });

  it("refuses calls that the server did not sign", async () => {
    const response = await request(`${server.appUrl}?fnId=hookline-deliver-webhook&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: { name: "hookline/delivery.requested", data: {} }, steps: {}, ctx: {} }),
    });
    expect(response.statusCode).toBe(401);
    expect(await response.body.json()).toEqual({ message: "Unauthorized" });
  });
});

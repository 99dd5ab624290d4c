/**
 * The worker process as `npm start` runs it on PostgreSQL: the web process takes the publish and sends its event
 * to the worker's executor; the worker serves the Inngest functions from a plain Node server and its executor
 * calls them there. Two processes, one database, a real receiver.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { signatureHeader } from "@/executor/signing";
import { appSecrets, createSharedDatabase, eventually, publisherFor, seedPublisher, startPipelineApp, workerExecutorEnvironment, type AppProcess, type SharedDatabase } from "@/reliability/support";
import { startReceiver, type Receiver } from "@/test/http-receiver";

let database: SharedDatabase;
let receiver: Receiver;
let web: AppProcess;
let worker: AppProcess;
let apiKey = "";
let signingKey = "";
const secrets = appSecrets();
const metricsToken = "worker-metrics-token-0123456789";

describe.skipIf(!process.env.DATABASE_URL)("a worker process beside the web process (PostgreSQL)", () => {
  beforeAll(async () => {
    receiver = await startReceiver();
    database = await createSharedDatabase();
    const handle = await database.open();
    try {
      ({ apiKey } = await seedPublisher(handle.prisma, { secrets, keyName: "worker", endpoints: [{ url: receiver.url, enabled_events: ["RiskAssessmentCalculated"] }] }));
    } finally {
      await handle.close();
    }
    const env = { ...secrets, ...(await workerExecutorEnvironment()), HOOKLINE_METRICS_TOKEN: metricsToken };
    signingKey = env.INNGEST_SIGNING_KEY;
    [worker, web] = await Promise.all([startPipelineApp(database, env, "worker"), startPipelineApp(database, env, "web")]);
  });

  afterAll(async () => {
    await web?.kill("SIGTERM");
    await worker?.kill("SIGTERM");
    await receiver?.close();
    await database?.close();
  });

  it("serves the Inngest functions at /api/inngest outside Next.js, as the SDK's introspection shows", async () => {
    // as an Inngest server asks: signed with the signing key (the SDK signs nothing else than the empty body of a GET)
    const response = await request(`${worker.origin}/api/inngest`, { headers: { "x-inngest-signature": signatureHeader("", signingKey) } });
    const introspection = (await response.body.json()) as Record<string, unknown>;
    expect(response.statusCode, JSON.stringify(introspection)).toBe(200);
    expect(introspection).toMatchObject({
      authentication_succeeded: true,
      app_id: "hookline",
      function_count: 5,
      framework: "nodejs",
      mode: "cloud",
      serve_origin: worker.origin,
    });
    // unsigned, it says nothing
    expect((await request(`${worker.origin}/api/inngest`)).statusCode).toBe(401);
    // the REST API stays with the web process
    expect((await request(`${worker.origin}/api/v2/messages`, { method: "POST" })).statusCode).toBe(404);
  });

  it("delivers a message published to the web process, the worker's executor calling the worker", async () => {
    const publisher = publisherFor(web.origin, apiKey, 1);
    const id = await publisher.publish("RiskAssessmentCalculated", { RiskAssessmentId: "r-1", SubmissionId: "s-1", Risk: "Low", ClientRating: "Retail" });
    await publisher.close();
    expect(id).toBeDefined();
    const delivered = await eventually(async () => receiver.received.find((r) => r.headers["x-hookline-message-id"] === id), "the receiver to get the message");
    expect(JSON.parse(delivered.body)).toMatchObject({ Type: "RiskAssessmentCalculated", RiskAssessmentId: "r-1" });
    await eventually(async () => ((await web.stats()).backlog === 0 ? true : undefined), "the delivery to be recorded as done");
    expect(worker.stderr()).not.toMatch(/\[executor\]/);
  });

  it("counts the deliveries it made at its own /api/metrics, behind the metrics token", async () => {
    expect((await request(`${worker.origin}/api/metrics`)).statusCode).toBe(401);
    const response = await request(`${worker.origin}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(response.statusCode).toBe(200);
    const exposition = await response.body.text();
    expect(exposition).toMatch(/^hookline_deliveries_completed_total\{event_type="RiskAssessmentCalculated",outcome="succeeded"\} 1$/m);
  });
});

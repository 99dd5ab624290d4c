/**
 * The Inngest serve route registers the functions at the configured origin, whatever Host a request claims
 * (issue 12, finding 12). A stand-in Inngest server on 127.0.0.1 records the registration the route sends.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "@/test/http-receiver";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver([{ status: 200, body: JSON.stringify({ ok: true }), headers: { "content-type": "application/json" } }]);
  // production mode on an Inngest server, read when the route builds its client and handler
  Object.assign(process.env, {
    HOOKLINE_PUBLIC_URL: "https://hooks.example.com",
    INNGEST_BASE_URL: receiver.origin,
    INNGEST_SIGNING_KEY: `signkey-prod-${randomBytes(32).toString("hex")}`,
    INNGEST_EVENT_KEY: randomBytes(16).toString("hex"),
  });
});
afterAll(async () => {
  await receiver.close();
});

describe("PUT /api/inngest with a forged Host", () => {
  it("registers the functions at the configured public origin, not at the forged host", async () => {
    const { PUT } = await import("@/app/api/inngest/route");
    const forged = new Request("http://attacker.example/api/inngest", { method: "PUT", headers: { host: "attacker.example", "x-forwarded-host": "attacker.example" } });
    const response = await (PUT as (request: Request, context: unknown) => Promise<Response>)(forged, {});
    expect(response.status).toBeLessThan(500);
    const registration = receiver.received.find((request) => request.url.includes("/fn/register"));
    expect(registration, JSON.stringify(receiver.received.map((r) => r.url))).toBeDefined();
    const registered = JSON.parse(registration!.body) as { url: string; functions: { steps: Record<string, { runtime: { url: string } }> }[] };
    expect(registered.url).toMatch(/^https:\/\/hooks\.example\.com\/api\/inngest/);
    const stepUrls = registered.functions.flatMap((fn) => Object.values(fn.steps).map((step) => step.runtime.url));
    expect(stepUrls.length).toBeGreaterThan(0);
    for (const url of stepUrls) expect(url).toMatch(/^https:\/\/hooks\.example\.com\/api\/inngest/);
    expect(registration!.body).not.toContain("attacker.example");
  });
});

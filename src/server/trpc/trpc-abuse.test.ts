/**
 * The portal's tRPC route against the abuse a security review found (issue 12, findings 1, 2 and 10),
 * through the real route handler and a real database: batches and bodies are bounded before anything is
 * parsed, sign-up spends its argon2 hash last and says nothing about taken emails, sign-up is throttled
 * per address and per email, and a cross-site form cannot reach a mutation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { sessionCookieFor, trpcPost } from "@/test/trpc-http";
import type { Db } from "@/server/db/client";
import { MAX_BODY_BYTES } from "@/server/rest/body";
import { findEventType } from "@/server/catalog";
import { configureAuthThrottle } from "@/server/auth/auth-throttle";
import { hashPassword } from "@/server/auth/password";
import { MAX_BATCH_SIZE } from "./http-limits";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
});
afterAll(async () => {
  await database.close();
});
beforeEach(() => configureAuthThrottle({ perAddress: 1000, perAccount: 1000 }));

let emails = 0;
const signUpInput = (email = `new-${++emails}-${Date.now()}@example.test`) => ({ name: "Mallory", email, password: "correct horse battery", organization: "Mallory Inc" });

type TrpcError = { error: { json: { message: string; data: { code: string; httpStatus: number } } } };
const firstError = (body: unknown) => (Array.isArray(body) ? (body[0] as TrpcError) : (body as TrpcError)).error?.json;

describe("finding 1: batches and bodies are bounded before anything is parsed", () => {
  it(`refuses a batch of more than ${MAX_BATCH_SIZE} calls without running any (no argon2 hash, no account)`, async () => {
    const inputs = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => signUpInput());
    const response = await trpcPost({ procedures: inputs.map(() => "account.signUp"), inputs });
    expect(response.status).toBe(400);
    expect(firstError(response.body).message).toBe("Batch call exceeds maximum size");
    expect(await db.user.count({ where: { email: { in: inputs.map((input) => input.email) } } })).toBe(0);

    const allowed = inputs.slice(0, MAX_BATCH_SIZE);
    expect((await trpcPost({ procedures: allowed.map(() => "account.signUp"), inputs: allowed })).status).toBe(200);
  });

  it("refuses a body whose Content-Length is over 1 MiB with a 413 before reading it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const response = await trpcPost({ procedures: ["account.signUp"], body, headers: { "content-length": String(4 * 1024 ** 3) } });
    expect(response.status).toBe(413);
    expect(firstError(response.body)).toMatchObject({ message: `The request body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`, data: { code: "PAYLOAD_TOO_LARGE" } });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading an endless body without Content-Length after 1 MiB", async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const response = await trpcPost({ procedures: ["account.signUp"], body: endless });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 256 * 1024);
  });

  it("bounds the portal's publish and test-send payloads at 1 MiB, as REST does", async () => {
    const { tenantId, user } = await createTestTenant(db);
    const cookie = await sessionCookieFor(user);
    const payload = { blob: "x".repeat(MAX_BODY_BYTES) };
    const publish = await trpcPost({ procedures: ["messages.publish"], inputs: [{ event_type: "user.created", payload }], headers: { cookie } });
    expect(publish.status).toBe(413);
    const sendTest = await trpcPost({
      procedures: ["deliveries.sendTest"],
      inputs: [{ endpoint_id: "0b6c1c2e-8e4f-4c55-9d0b-1f1f4b0c9a11", event_type: "user.created", payload }],
      headers: { cookie },
    });
    expect(sendTest.status).toBe(413);
    expect(await db.message.count({ where: { tenantId } })).toBe(0);

    // the same call with a payload under the bound goes through
    const example = findEventType("user.created")!.example;
    const small = await trpcPost({ procedures: ["messages.publish"], inputs: [{ event_type: "user.created", payload: example }], headers: { cookie } });
    expect(small.status).toBe(200);
  });
});

/** Median wall time of `times` runs of `run`, in ms. */
async function medianMs(times: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run(i);
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

describe("finding 2: sign-up neither reveals taken emails nor runs unthrottled", () => {
  it("answers a taken email with the same status and words as a free one, spending the same hash, and changes nothing", async () => {
    const taken = signUpInput();
    const first = await trpcPost({ procedures: ["account.signUp"], inputs: [taken] });
    expect(first.status).toBe(200);
    const before = await db.user.findUniqueOrThrow({ where: { email: taken.email } });

    const again = await trpcPost({ procedures: ["account.signUp"], inputs: [{ ...taken, password: "another password entirely" }] });
    const fresh = signUpInput();
    const anew = await trpcPost({ procedures: ["account.signUp"], inputs: [fresh] });
    expect(again.status).toBe(anew.status);
    const words = (body: unknown, email: string) => JSON.stringify(body).replaceAll(email, "<email>");
    expect(words(again.body, taken.email)).toBe(words(anew.body, fresh.email));
    expect(await db.user.findUniqueOrThrow({ where: { email: taken.email } })).toEqual(before);

    // a taken email spends the argon2 hash a free one does (a free one also writes its rows: docs/security.md)
    const hashMs = await medianMs(3, () => hashPassword("correct horse battery"));
    const takenMs = await medianMs(3, () => trpcPost({ procedures: ["account.signUp"], inputs: [taken] }));
    const freeMs = await medianMs(3, () => trpcPost({ procedures: ["account.signUp"], inputs: [signUpInput()] }));
    console.log(`sign-up median: argon2 hash ${hashMs.toFixed(1)} ms, taken email ${takenMs.toFixed(1)} ms, free email ${freeMs.toFixed(1)} ms`);
    expect(takenMs).toBeGreaterThan(hashMs * 0.5);
  });

  it("throttles sign-ups per source address with a 429 and Retry-After, before hashing", async () => {
    configureAuthThrottle({ perAddress: 3, perAccount: 1000 });
    const from = (address: string) => ({ "x-forwarded-for": address });
    for (let i = 0; i < 3; i++) expect((await trpcPost({ procedures: ["account.signUp"], inputs: [signUpInput()], headers: from("198.51.100.9") })).status).toBe(200);
    const refusedInput = signUpInput();
    const refused = await trpcPost({ procedures: ["account.signUp"], inputs: [refusedInput], headers: from("198.51.100.9") });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(firstError(refused.body)).toMatchObject({ message: expect.stringMatching(/^Too many attempts\. Try again in \d+ minutes?\.$/), data: { code: "TOO_MANY_REQUESTS" } });
    expect(await db.user.count({ where: { email: refusedInput.email } })).toBe(0);
    // the budget is the address's own: a proxy in front appends the address it saw, the last entry counts
    expect((await trpcPost({ procedures: ["account.signUp"], inputs: [signUpInput()], headers: from("198.51.100.9, 198.51.100.10") })).status).toBe(200);
  });

  it("throttles attempts on one email whatever address they come from", async () => {
    configureAuthThrottle({ perAddress: 1000, perAccount: 2 });
    const input = signUpInput();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await trpcPost({ procedures: ["account.signUp"], inputs: [input], headers: { "x-forwarded-for": `192.0.2.${i}` } })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe("finding 10: a cross-site form cannot reach a mutation", () => {
  it("refuses form encodings and text/plain with 415, so a form post cannot rotate the webhook token", async () => {
    const { user, trpc } = await createTestTenant(db);
    await trpc.primaryWebhook.upsert({ url: "https://a.example/primary", signature_enabled: true });
    const cookie = await sessionCookieFor(user);
    const token = await trpc.primaryWebhook.token();

    // what <form method="post" action="https://hookline…/api/trpc/primaryWebhook.rotateToken"> sends, with the victim's cookie
    const refusals: Record<string, [number, string]> = {};
    for (const [contentType, body] of [
      ["application/x-www-form-urlencoded", "a=b"],
      ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n"],
      ["text/plain", "{}"],
    ] as const) {
      const response = await trpcPost({ procedures: ["primaryWebhook.rotateToken"], body, headers: { cookie, "content-type": contentType } });
      refusals[contentType] = [response.status, firstError(response.body)?.message];
    }
    const refused: [number, string] = [415, "Send tRPC calls as Content-Type: application/json"];
    expect(refusals).toEqual({ "application/x-www-form-urlencoded": refused, "multipart/form-data; boundary=x": refused, "text/plain": refused });
    expect(await trpc.primaryWebhook.token()).toEqual(token);

    // the portal's own JSON call (which another site cannot send without a CORS preflight) still works
    const rotated = await trpcPost({ procedures: ["primaryWebhook.rotateToken"], headers: { cookie } });
    expect(rotated.status).toBe(200);
    expect(await trpc.primaryWebhook.token()).not.toEqual(token);
  });
});

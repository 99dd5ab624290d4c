import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { getEndpointSecret } from "@/server/endpoints/get-endpoint-secret";
import { signatureHeaders } from "@/server/signing";
import { inspectorTokenOf } from "./capture-url";
import { clearInspectorRequests } from "./clear-inspector-requests";
import { createInspectorBin } from "./create-inspector-bin";
import { deleteInspectorBin } from "./delete-inspector-bin";
import { listInspectorBins } from "./list-inspector-bins";
import { listInspectorRequests } from "./list-inspector-requests";
import { readCappedBody } from "./read-capped-body";
import { recordInspectorRequest } from "./record-inspector-request";
import { INSPECTOR_REQUESTS_PER_BIN } from "./schemas";

const publicUrl = "http://hookline.test";
const encryptionKey = randomBytes(32);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function endpointWithSecret(tenantId: string, scheme: "standard" | "aw", url: string) {
  const db = database.prisma;
  const endpoint = await createEndpoint({ db, tenantId, encryptionKey, input: { url, signature_scheme: scheme, enabled_events: ["*"] } });
  const { secret } = await getEndpointSecret({ db, tenantId, endpointId: endpoint.id, encryptionKey });
  return { endpoint, secret };
}

describe("inspector", () => {
  it("creates bins with absolute, unguessable capture URLs and lists them with their counts", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "  Demo bin " } });
    expect(bin.name).toBe("Demo bin");
    expect(bin.captureUrl).toBe(`${publicUrl}/api/inspect/${bin.token}`);
    expect(bin.token).toMatch(/^in_[A-Za-z0-9_-]{24}$/);
    expect(inspectorTokenOf(bin.captureUrl)).toBe(bin.token);

    await recordInspectorRequest({ db, token: bin.token, method: "post", path: `/api/inspect/${bin.token}`, headers: { "Content-Type": "application/json" }, body: "{}" });
    const [listed] = await listInspectorBins({ db, tenantId, publicUrl });
    expect(listed).toMatchObject({ id: bin.id, requestCount: 1 });
    expect(listed!.lastReceivedAt).toBeInstanceOf(Date);
  });

  it("rejects a blank name with the shared schema", async () => {
    const { tenantId } = await createTestTenant(database.prisma);
    await expect(createInspectorBin({ db: database.prisma, tenantId, publicUrl, input: { name: "  " } })).rejects.toThrow("Give the bin a name");
  });

  it("records any method with its headers, path and body, newest first, redacting cookies", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "bin" } });
    await recordInspectorRequest({ db, token: bin.token, method: "PUT", path: `/api/inspect/${bin.token}?a=1`, headers: new Headers({ "X-Thing": "1", Cookie: "next-auth.session-token=abc" }), body: "first" });
    await recordInspectorRequest({ db, token: bin.token, method: "delete", path: `/api/inspect/${bin.token}`, headers: {}, body: "" });
    const requests = await listInspectorRequests({ db, tenantId, encryptionKey, input: { binId: bin.id } });
    expect(requests.map((r) => r.method)).toEqual(["DELETE", "PUT"]);
    expect(requests[1]).toMatchObject({ path: `/api/inspect/${bin.token}?a=1`, body: "first", signature: null });
    expect(requests[1]!.headers).toEqual({ "x-thing": "1", cookie: "[redacted]" });
  });

  it("keeps only the newest requests of a bin", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "busy" } });
    for (let i = 0; i < INSPECTOR_REQUESTS_PER_BIN + 3; i++) {
      await recordInspectorRequest({ db, token: bin.token, method: "POST", path: "/", headers: {}, body: String(i) });
    }
    expect(await db.inspectorRequest.count({ where: { binId: bin.id } })).toBe(INSPECTOR_REQUESTS_PER_BIN);
    const kept = await db.inspectorRequest.findMany({ where: { binId: bin.id }, select: { body: true } });
    expect(kept.map((r) => r.body)).not.toContain("0");
    expect(kept.map((r) => r.body)).toContain(String(INSPECTOR_REQUESTS_PER_BIN + 2));
  });

  it("an unknown token records nothing", async () => {
    await expect(
      recordInspectorRequest({ db: database.prisma, token: "in_nope", method: "POST", path: "/", headers: {}, body: "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("verifies each request against the chosen endpoint's scheme and secrets, as of its arrival", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "signed" } });
    const path = `/api/inspect/${bin.token}`;
    const { endpoint, secret } = await endpointWithSecret(tenantId, "standard", `${publicUrl}${path}`);
    const body = JSON.stringify({ hello: "world" });
    const headers = signatureHeaders({ scheme: "standard", secrets: [secret], messageId: "msg_1", timestamp: new Date(), body, method: "POST", url: `${publicUrl}${path}` });
    await recordInspectorRequest({ db, token: bin.token, method: "POST", path, headers, body });
    await recordInspectorRequest({ db, token: bin.token, method: "POST", path, headers, body: `${body} ` });

    const [tampered, genuine] = await listInspectorRequests({ db, tenantId, encryptionKey, input: { binId: bin.id, verifyWith: endpoint.id } });
    expect(genuine!.signature).toMatchObject({ endpointId: endpoint.id, scheme: "standard", verified: true });
    expect(tampered!.signature).toMatchObject({ verified: false, reason: expect.stringContaining("does not match") });
    // the secret itself never leaves the server
    expect(JSON.stringify([tampered, genuine])).not.toContain(secret);

    // a request verified once stays verified: the tolerance is measured from its arrival
    await db.inspectorRequest.updateMany({ where: { binId: bin.id }, data: { receivedAt: new Date(Date.now() - 3_600_000) } });
    await db.inspectorRequest.update({ where: { id: genuine!.id }, data: { receivedAt: new Date() } });
    const [again] = await listInspectorRequests({ db, tenantId, encryptionKey, input: { binId: bin.id, verifyWith: endpoint.id, limit: 1 } });
    expect(again!.signature?.verified).toBe(true);
  });

  it("verifies the aw scheme over method, path and query", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "aw" } });
    const path = `/api/inspect/${bin.token}?source=hookline`;
    const { endpoint, secret } = await endpointWithSecret(tenantId, "aw", `${publicUrl}${path}`);
    const body = '{"event_type":"session.submitted"}';
    const headers = signatureHeaders({ scheme: "aw", secrets: [secret], messageId: "m", timestamp: new Date(), body, method: "POST", url: `${publicUrl}${path}` });
    await recordInspectorRequest({ db, token: bin.token, method: "POST", path, headers, body });
    const [request] = await listInspectorRequests({ db, tenantId, encryptionKey, input: { binId: bin.id, verifyWith: endpoint.id } });
    expect(request!.signature).toMatchObject({ scheme: "aw", verified: true });
  });

  it("auto mode checks each request with the endpoint it was sent to", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "auto" } });
    const healthy = await endpointWithSecret(tenantId, "standard", bin.captureUrl);
    const flaky = await endpointWithSecret(tenantId, "aw", `${bin.captureUrl}?status=503`);
    const send = async (target: { endpoint: { url: string }; secret: string }, scheme: "standard" | "aw") => {
      const url = new URL(target.endpoint.url);
      const body = JSON.stringify({ at: target.endpoint.url });
      const headers = signatureHeaders({ scheme, secrets: [target.secret], messageId: "m", timestamp: new Date(), body, method: "POST", url: url.toString() });
      await recordInspectorRequest({ db, token: bin.token, method: "POST", path: `${url.pathname}${url.search}`, headers, body });
    };
    await send(healthy, "standard");
    await send(flaky, "aw");
    await recordInspectorRequest({ db, token: bin.token, method: "POST", path: `/api/inspect/${bin.token}?other=1`, headers: {}, body: "{}" });

    const [stranger, fromFlaky, fromHealthy] = await listInspectorRequests({ db, tenantId, encryptionKey, input: { binId: bin.id } });
    expect(fromHealthy!.signature).toMatchObject({ endpointId: healthy.endpoint.id, scheme: "standard", verified: true });
    expect(fromFlaky!.signature).toMatchObject({ endpointId: flaky.endpoint.id, scheme: "aw", verified: true });
    expect(stranger!.signature).toBeNull();
    const unchecked = await listInspectorRequests({ db, tenantId, encryptionKey, input: { binId: bin.id, verifyWith: "none" } });
    expect(unchecked.every((r) => r.signature === null)).toBe(true);
  });

  it("clears and deletes bins", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "temp" } });
    await recordInspectorRequest({ db, token: bin.token, method: "POST", path: "/", headers: {}, body: "x" });
    expect(await clearInspectorRequests({ db, tenantId, binId: bin.id })).toEqual({ deleted: 1 });
    await deleteInspectorBin({ db, tenantId, binId: bin.id });
    expect(await listInspectorBins({ db, tenantId, publicUrl })).toEqual([]);
    await expect(recordInspectorRequest({ db, token: bin.token, method: "POST", path: "/", headers: {}, body: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("another tenant's bins, requests and endpoints are NOT_FOUND", async () => {
    const db = database.prisma;
    const alice = await createTestTenant(db, "Alice");
    const mallory = await createTestTenant(db, "Mallory");
    const bin = await createInspectorBin({ db, tenantId: alice.tenantId, publicUrl, input: { name: "alice's" } });
    await recordInspectorRequest({ db, token: bin.token, method: "POST", path: "/", headers: {}, body: "secret stuff" });
    const { endpoint } = await endpointWithSecret(alice.tenantId, "standard", "https://alice.test/hook");
    const malloryBin = await createInspectorBin({ db, tenantId: mallory.tenantId, publicUrl, input: { name: "mine" } });

    expect(await listInspectorBins({ db, tenantId: mallory.tenantId, publicUrl })).toEqual([expect.objectContaining({ id: malloryBin.id })]);
    await expect(listInspectorRequests({ db, tenantId: mallory.tenantId, encryptionKey, input: { binId: bin.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      listInspectorRequests({ db, tenantId: mallory.tenantId, encryptionKey, input: { binId: malloryBin.id, verifyWith: endpoint.id } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(clearInspectorRequests({ db, tenantId: mallory.tenantId, binId: bin.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteInspectorBin({ db, tenantId: mallory.tenantId, binId: bin.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.inspectorRequest.count({ where: { binId: bin.id } })).toBe(1);

    // the same through the tRPC router the portal calls
    await expect(mallory.trpc.inspector.listRequests({ binId: bin.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(mallory.trpc.inspector.deleteBin({ binId: bin.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await alice.trpc.inspector.listRequests({ binId: bin.id }))[0]?.body).toBe("secret stuff");
  });
});

describe("readCappedBody", () => {
  const post = (body: BodyInit, headers?: Record<string, string>) => new Request("http://x.test/", { method: "POST", body, headers });

  it("reads bodies up to the cap and refuses bigger ones, whatever Content-Length says", async () => {
    expect(await readCappedBody(post("héllo"), 6)).toBe("héllo");
    expect(await readCappedBody(post("héllo!"), 6)).toBeNull();
    expect(await readCappedBody(post("x", { "content-length": "999" }), 6)).toBeNull();
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(4));
        controller.close();
      },
    });
    expect(await readCappedBody(new Request("http://x.test/", { method: "POST", body: stream, duplex: "half" } as RequestInit), 16)).toBeNull();
    expect(await readCappedBody(new Request("http://x.test/"), 6)).toBe("");
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { createInspectorBin } from "@/server/inspector/create-inspector-bin";
import { deleteInspectorBin } from "@/server/inspector/delete-inspector-bin";
import { INSPECTOR_MAX_BODY_BYTES } from "@/server/inspector/schemas";
import { POST } from "./route";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
// the capture route reaches the database through getDb(): point it at this file's test database
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  current.db = database.prisma;
});
afterAll(async () => {
  await database?.close();
});

async function capture(token: string, body: string) {
  const response = await POST(new Request(`http://hookline.test/api/inspect/${token}`, { method: "POST", body }), { params: Promise.resolve({ token }) });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("the inspector's capture URL", () => {
  it("records a request, refuses a body over the cap with 413 and records nothing of it", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl: "http://hookline.test", input: { name: "capture" } });
    expect(await capture(bin.token, '{"ok":true}')).toMatchObject({ status: 200, body: { received: true } });
    const tooLarge = await capture(bin.token, "x".repeat(INSPECTOR_MAX_BODY_BYTES + 1));
    expect(tooLarge).toEqual({ status: 413, body: { error: { code: "PAYLOAD_TOO_LARGE", message: `Bodies over ${INSPECTOR_MAX_BODY_BYTES} bytes are not recorded` } } });
    expect((await db.inspectorRequest.findMany({ where: { binId: bin.id } })).map((request) => request.body)).toEqual(['{"ok":true}']);
  });

  it("answers 404 for a token no bin has, and for a deleted bin's", async () => {
    const db = database.prisma;
    const { tenantId } = await createTestTenant(db);
    const bin = await createInspectorBin({ db, tenantId, publicUrl: "http://hookline.test", input: { name: "gone soon" } });
    const notFound = { status: 404, body: { error: { code: "NOT_FOUND", message: "No inspector bin at this URL" } } };
    expect(await capture("in_nobodyhasthistoken0000000", "{}")).toEqual(notFound);
    await deleteInspectorBin({ db, tenantId, binId: bin.id });
    expect(await capture(bin.token, "{}")).toEqual(notFound);
  });
});

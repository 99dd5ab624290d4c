import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import type { Db } from "@/server/db/client";
import { api, platformKeyFor, type ApiResponse } from "./rest-test-support";
import { configureApiRateLimit } from "./rate-limit";

// The platform routes under random input: never a 500, always the one JSON error shape, and a refused
// request writes nothing anywhere in the install.

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
const fixture = { key: "", tenantId: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  configureApiRateLimit({ points: 1_000_000, durationSeconds: 1 });
  fixture.key = await platformKeyFor(db);
  const created = await api("POST /api/v2/tenants", { key: fixture.key, body: { name: "Fixture", external_id: "cus_fixture" } });
  fixture.tenantId = (created.body as { id: string }).id;
});
afterAll(async () => {
  await database.close();
});

const runs = { numRuns: 40 };

/** Everything a platform request could write. */
async function installSnapshot() {
  const [tenants, portalSessions, activity] = await Promise.all([
    db.tenant.findMany({ orderBy: { id: "asc" } }),
    db.portalSession.count(),
    db.activityEntry.count(),
  ]);
  return JSON.stringify({ tenants, portalSessions, activity });
}

function expectHandled(response: ApiResponse) {
  expect(response.status, response.text).toBeLessThan(500);
  expect(response.body, response.text).toBeDefined();
  if (response.status >= 400) {
    expect(response.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

async function callAndCheck(target: string, body: unknown, allowed: number[]) {
  const before = await installSnapshot();
  const response = await api(target, { key: fixture.key, body });
  expectHandled(response);
  expect(allowed, response.text).toContain(response.status);
  if (response.status >= 400) expect(await installSnapshot()).toBe(before);
  return response;
}

const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom("", "cus_fixture", "a b", "x".repeat(200), -1, 0, 86_401, "read", "full", null));
const tenantLike = fc.dictionary(fc.oneof(fc.constantFrom("name", "external_id", "metadata"), fc.string()), anyValue, { maxKeys: 4 });
const linkLike = fc.dictionary(fc.oneof(fc.constantFrom("capability", "expires_in"), fc.string()), anyValue, { maxKeys: 3 });
const notAnObject = fc.oneof(
  fc.string({ minLength: 1 }).filter((text) => text.trim() !== "" && !text.trim().startsWith("{")),
  fc.jsonValue().filter((value) => value === null || typeof value !== "object" || Array.isArray(value)).map((value) => JSON.stringify(value)),
);

describe("property: the tenants API answers any input with 2xx or a 4xx JSON error", () => {
  test.prop([tenantLike], runs)("POST /api/v2/tenants", async (body) => {
    await callAndCheck("POST /api/v2/tenants", body, [201, 409, 422]);
  });

  test.prop([tenantLike], runs)("PATCH /api/v2/tenants/{tenant}", async (body) => {
    await callAndCheck(`PATCH /api/v2/tenants/${fixture.tenantId}`, body, [200, 409, 422]);
  });

  test.prop([linkLike], runs)("POST /api/v2/tenants/{tenant}/portal-links", async (body) => {
    await callAndCheck(`POST /api/v2/tenants/${fixture.tenantId}/portal-links`, body, [201, 422]);
  });

  test.prop([notAnObject], runs)("text or JSON that is not an object → 400/422, nothing written", async (raw) => {
    for (const target of ["POST /api/v2/tenants", `PATCH /api/v2/tenants/${fixture.tenantId}`, `POST /api/v2/tenants/${fixture.tenantId}/portal-links`]) {
      await callAndCheck(target, raw, [400, 422]);
    }
  });

  const queryString = fc
    .dictionary(fc.oneof(fc.constantFrom("limit", "cursor", "search"), fc.string()), fc.string(), { maxKeys: 3 })
    .map((params) => new URLSearchParams(params).toString());
  test.prop([queryString], runs)("GET /api/v2/tenants?…", async (query) => {
    await callAndCheck(`GET /api/v2/tenants?${query}`, undefined, [200, 400, 422]);
  });

  // "." and ".." are path navigation, resolved by the URL parser before any route sees them
  test.prop([fc.string({ minLength: 1 }).filter((id) => id !== "." && id !== ".." && id !== "cus_fixture")], runs)(
    "any other tenant reference is a JSON 404, in the path or in Hookline-Tenant",
    async (reference) => {
      const before = await installSnapshot();
      const segment = encodeURIComponent(reference);
      for (const target of [`GET /api/v2/tenants/${segment}`, `DELETE /api/v2/tenants/${segment}`, `POST /api/v2/tenants/${segment}/portal-links`]) {
        const response = await api(target, { key: fixture.key });
        expectHandled(response);
        expect([404, 405], target).toContain(response.status);
      }
      // header values cannot hold line breaks or non-Latin-1 characters: those never reach the server
      if (/^[\x20-\x7e]*$/.test(reference) && reference.trim() !== "") {
        const acting = await api("GET /api/v2/webhook_endpoint", { key: fixture.key, headers: { "Hookline-Tenant": reference } });
        expect(acting.status, acting.text).toBe(404);
      }
      expect(await installSnapshot()).toBe(before);
    },
  );
});

import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { filterArbitrary, payloadArbitrary, referenceMatches } from "@/test/payload-filter-reference";
import { compilePayloadFilter, payloadFilterSchema } from "./payload-filter";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
});
afterAll(async () => {
  await database.close();
});

/** The filter as publishing evaluates it: compiled, in the database. */
async function databaseMatches(filter: unknown, payload: unknown): Promise<boolean> {
  const compiled = compilePayloadFilter(payloadFilterSchema.parse(filter));
  const [row] = await db.$queryRaw<{ matches: boolean | null }[]>`
    SELECT jsonb_path_match(${JSON.stringify(payload)}::jsonb, ${compiled}::jsonpath, '{}', true) AS matches`;
  return row!.matches === true;
}

function issuesOf(filter: unknown): string[] {
  const parsed = payloadFilterSchema.safeParse(filter);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("payload filters", () => {
  test.prop([filterArbitrary, fc.array(payloadArbitrary, { minLength: 1, maxLength: 4 })], { numRuns: 300 })(
    "the database's evaluation agrees with the reference on random filters and payloads",
    async (filter, payloads) => {
      expect(issuesOf(filter)).toEqual([]);
      for (const payload of payloads) expect(await databaseMatches(filter, payload)).toBe(referenceMatches(filter, payload));
    },
  );

  it("evaluates the documented example", async () => {
    const filter = {
      and: [{ path: "data.amount", gte: 100 }, { path: "data.currency", in: ["EUR", "USD"] }, { not: { path: "data.test", exists: true } }],
    };
    expect(await databaseMatches(filter, { data: { amount: 150, currency: "EUR" } })).toBe(true);
    expect(await databaseMatches(filter, { data: { amount: 150, currency: "EUR", test: false } })).toBe(false);
    expect(await databaseMatches(filter, { data: { amount: 99.5, currency: "USD" } })).toBe(false);
    expect(await databaseMatches(filter, { data: { amount: "150", currency: "USD" } })).toBe(false);
    expect(await databaseMatches(filter, { data: [{ amount: 150, currency: "USD" }] })).toBe(false);
  });

  it("refuses malformed filters with a message saying what is wrong", () => {
    expect(issuesOf({})).toEqual([": needs exactly one of and, or, not, eq, in, gt, gte, lt, lte, exists"]);
    expect(issuesOf({ path: "a", eq: 1, gt: 2 })).toEqual([": needs exactly one of and, or, not, eq, in, gt, gte, lt, lte, exists (has eq, gt)"]);
    expect(issuesOf({ eq: 1 })).toEqual(["path: is required with eq"]);
    expect(issuesOf({ and: [{ path: "a", exists: true }], path: "a" })).toEqual(["path: goes with a comparison, not with and"]);
    expect(issuesOf({ path: "a..b", eq: 1 })[0]).toMatch(/^path: must be 1–8 keys/);
    expect(issuesOf({ path: "$.a", eq: 1 })[0]).toMatch(/^path: must be 1–8 keys/);
    expect(issuesOf({ path: "a", gt: "5" })[0]).toMatch(/^gt: /);
    expect(issuesOf({ path: "a", eq: { b: 1 } })[0]).toMatch(/^eq: /);
    expect(issuesOf({ path: "a", in: [] })[0]).toMatch(/^in: /);
    expect(issuesOf({ path: "a", eq: 1, extra: true })[0]).toMatch(/extra/);
    expect(issuesOf({ and: [] })[0]).toMatch(/^and: /);
    expect(issuesOf({ or: [{ path: "a", exists: "yes" }] })[0]).toMatch(/^or\.0\.exists: /);
  });

  it("bounds depth and size, also against hostile nesting", () => {
    const nest = (levels: number) => {
      let filter: unknown = { path: "a", exists: true };
      for (let level = 0; level < levels; level++) filter = { not: filter };
      return filter;
    };
    expect(issuesOf(nest(5))).toEqual([]);
    expect(issuesOf(nest(6))).toEqual([": nests and/or/not 6 deep; at most 5"]);
    expect(issuesOf(nest(100_000))).toEqual([": nests deeper than 5 levels or is too large"]);
    const wide = { or: Array.from({ length: 20 }, () => ({ and: Array.from({ length: 3 }, () => ({ path: "a", eq: 1 })) })) };
    expect(issuesOf(wide)).toEqual([": has 81 conditions; at most 50"]);
  });
});

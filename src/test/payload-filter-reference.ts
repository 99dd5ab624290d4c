import { fc } from "@fast-check/vitest";
import type { FilterScalar, PayloadFilter } from "@/server/endpoints/payload-filter";
import { isStorableText } from "@/server/messages/schemas";

/** What a filter means, written as plainly as possible: the yardstick for the database's evaluation. */
export function referenceMatches(filter: PayloadFilter, payload: unknown): boolean {
  if (filter.and) return filter.and.every((condition) => referenceMatches(condition, payload));
  if (filter.or) return filter.or.some((condition) => referenceMatches(condition, payload));
  if (filter.not) return !referenceMatches(filter.not, payload);
  let value = payload;
  for (const key of filter.path!.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return filter.exists === false;
    value = (value as Record<string, unknown>)[key];
  }
  if (filter.exists !== undefined) return filter.exists;
  if (filter.eq !== undefined) return value === filter.eq;
  if (filter.in) return filter.in.some((candidate) => value === candidate);
  if (typeof value !== "number") return false;
  if (filter.gt !== undefined) return value > filter.gt;
  if (filter.gte !== undefined) return value >= filter.gte;
  if (filter.lt !== undefined) return value < filter.lt;
  return value <= filter.lte!;
}

// a few keys, so that random paths often hit random payloads
const key = fc.constantFrom("a", "b", "amount", "currency", "x-y_1");
const number = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)));
const scalar: fc.Arbitrary<FilterScalar> = fc.oneof(
  fc.constantFrom("EUR", "USD", "", 'q"uo\\te', "é", "1"),
  fc.string({ unit: "grapheme", maxLength: 6 }).filter(isStorableText),
  number,
  fc.boolean(),
  fc.constant(null),
);

/** JSON payloads over those keys, a few levels deep. */
export const payloadArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, fc.array(tie("value"), { maxLength: 3 }), tie("object")),
  object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
})).object as fc.Arbitrary<Record<string, unknown>>;

const path = fc.array(key, { minLength: 1, maxLength: 3 }).map((keys) => keys.join("."));

/** Filters within the documented limits (depth and count kept small). */
export const filterArbitrary: fc.Arbitrary<PayloadFilter> = fc.letrec<{ condition: PayloadFilter }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    fc.record({ path, eq: scalar }),
    fc.record({ path, in: fc.array(scalar, { minLength: 1, maxLength: 4 }) }),
    fc.record({ path, gt: number }),
    fc.record({ path, gte: number }),
    fc.record({ path, lt: number }),
    fc.record({ path, lte: number }),
    fc.record({ path, exists: fc.boolean() }),
    fc.record({ and: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("condition"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("condition") }),
  ),
})).condition;

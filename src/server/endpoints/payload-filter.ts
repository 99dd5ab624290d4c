import { z } from "zod";
import { storableText } from "@/server/messages/schemas";

/**
 * An endpoint's payload filter: a condition over the published payload, evaluated when a message is published.
 * A message the filter does not match creates no delivery for the endpoint.
 *
 *   {"and": [{"path": "amount", "gte": 100}, {"path": "currency", "in": ["EUR", "USD"]}, {"not": {"path": "test", "exists": true}}]}
 *
 * A condition is exactly one of
 * - `{"and": [c, …]}`, `{"or": [c, …]}` (1–20 conditions each), `{"not": c}`;
 * - `{"path": p, "eq": v}` (v a string, number, boolean or null; equal in type and value),
 *   `{"path": p, "in": [v, …]}` (equal to one of 1–50 values),
 *   `{"path": p, "gt" | "gte" | "lt" | "lte": n}` (the value is a number and compares so with n),
 *   `{"path": p, "exists": true | false}` (the key is present, whatever its value, null included).
 * A path names object keys from the payload's root, separated by dots (`customer.address.country`); each key is
 * letters, digits, `_` or `-`. A comparison is false where the path is missing, passes through a non-object, or
 * holds another type (so `not` of it is true). Arrays are values, not traversed.
 * At most 50 conditions, nested at most 5 deep (and/or/not).
 */
export type PayloadFilter = {
  and?: PayloadFilter[];
  or?: PayloadFilter[];
  not?: PayloadFilter;
  path?: string;
  eq?: FilterScalar;
  in?: FilterScalar[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  exists?: boolean;
};
export type FilterScalar = string | number | boolean | null;

export const payloadFilterLimits = {
  conditions: 50,
  depth: 5,
  branches: 20,
  inValues: 50,
  pathSegments: 8,
  segmentLength: 64,
  stringLength: 256,
} as const;

const LOGICAL = ["and", "or", "not"] as const;
const COMPARISONS = ["eq", "in", "gt", "gte", "lt", "lte", "exists"] as const;
const OPERATORS = [...LOGICAL, ...COMPARISONS] as const;

const SEGMENT = `[A-Za-z0-9_-]{1,${payloadFilterLimits.segmentLength}}`;
const pathPattern = new RegExp(`^${SEGMENT}(\\.${SEGMENT}){0,${payloadFilterLimits.pathSegments - 1}}$`);

const pathSchema = z
  .string()
  .regex(pathPattern, `must be 1–${payloadFilterLimits.pathSegments} keys of letters, digits, _ or - joined by dots, e.g. customer.country`)
  .describe("Keys from the payload's root, joined by dots");

const scalarSchema = z.union([
  storableText(z.string().max(payloadFilterLimits.stringLength)),
  z.number(),
  z.boolean(),
  z.null(),
]);

export const payloadConditionSchema: z.ZodType<PayloadFilter> = z.lazy(() =>
  z
    .strictObject({
      and: z.array(payloadConditionSchema).min(1).max(payloadFilterLimits.branches).optional(),
      or: z.array(payloadConditionSchema).min(1).max(payloadFilterLimits.branches).optional(),
      not: payloadConditionSchema.optional(),
      path: pathSchema.optional(),
      eq: scalarSchema.optional(),
      in: z.array(scalarSchema).min(1).max(payloadFilterLimits.inValues).optional(),
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
      exists: z.boolean().optional(),
    })
    .superRefine((condition, ctx) => {
      const operators = OPERATORS.filter((operator) => condition[operator] !== undefined);
      if (operators.length !== 1) {
        ctx.addIssue({ code: "custom", message: `needs exactly one of ${OPERATORS.join(", ")}${operators.length ? ` (has ${operators.join(", ")})` : ""}` });
        return;
      }
      const isComparison = (COMPARISONS as readonly string[]).includes(operators[0]!);
      if (isComparison && condition.path === undefined) ctx.addIssue({ code: "custom", path: ["path"], message: `is required with ${operators[0]}` });
      if (!isComparison && condition.path !== undefined) ctx.addIssue({ code: "custom", path: ["path"], message: `goes with a comparison, not with ${operators[0]}` });
    })
    // the rule of the superRefine above, for the OpenAPI document
    .meta({
      oneOf: [
        ...LOGICAL.map((operator) => ({ required: [operator], not: { required: ["path"] } })),
        ...COMPARISONS.map((operator) => ({ required: ["path", operator] })),
      ],
    }),
);

/** Where the OpenAPI document keeps the filter's (recursive) schema. */
export const PAYLOAD_FILTER_SCHEMA_REF = "#/components/schemas/PayloadFilter";

/** Nesting and size of raw input, measured before zod walks it, so a hostile document cannot exhaust the stack. */
function shapeOf(value: unknown): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length && nodes <= 10_000) {
    const next = stack.pop()!;
    nodes++;
    depth = Math.max(depth, next.depth);
    if (next.value && typeof next.value === "object") {
      for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
    }
  }
  return { depth, nodes };
}

/** Conditions in a parsed filter, and how deep and/or/not nest. */
function measure(filter: PayloadFilter): { conditions: number; depth: number } {
  const children = [...(filter.and ?? []), ...(filter.or ?? []), ...(filter.not ? [filter.not] : [])];
  const measured = children.map(measure);
  return {
    conditions: 1 + measured.reduce((sum, child) => sum + child.conditions, 0),
    depth: measured.length ? 1 + Math.max(...measured.map((child) => child.depth)) : 0,
  };
}

// JSON nesting of the deepest filter allowed: two levels (a condition and its and/or array) per logical level, plus `in`
const MAX_JSON_DEPTH = 2 * payloadFilterLimits.depth + 3;

export const payloadFilterSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    const shape = shapeOf(value);
    if (shape.depth > MAX_JSON_DEPTH || shape.nodes > 10_000) {
      ctx.addIssue({ code: "custom", message: `nests deeper than ${payloadFilterLimits.depth} levels or is too large`, fatal: true });
    }
  })
  .pipe(payloadConditionSchema)
  .superRefine((filter, ctx) => {
    const { conditions, depth } = measure(filter);
    if (conditions > payloadFilterLimits.conditions) ctx.addIssue({ code: "custom", message: `has ${conditions} conditions; at most ${payloadFilterLimits.conditions}` });
    if (depth > payloadFilterLimits.depth) ctx.addIssue({ code: "custom", message: `nests and/or/not ${depth} deep; at most ${payloadFilterLimits.depth}` });
  })
  .describe(
    "Deliver only messages whose payload matches: a condition {and|or: [conditions]}, {not: condition}, or " +
      "{path: 'a.b', eq|in|gt|gte|lt|lte|exists: value} (see README § Payload filters); null = every message",
  );

function literal(value: FilterScalar): string {
  // JSON's string escapes are SQL/JSON path's; numbers are finite, so JSON writes them as the path language reads them
  return JSON.stringify(value);
}

/** A comparison as SQL/JSON path sees it is unknown where the path is missing or the types differ; here that is false. */
function definite(predicate: string): string {
  return `(!((${predicate}) is unknown) && (${predicate}))`;
}

function compileCondition(condition: PayloadFilter): string {
  if (condition.and) return `(${condition.and.map(compileCondition).join(" && ")})`;
  if (condition.or) return `(${condition.or.map(compileCondition).join(" || ")})`;
  if (condition.not) return `!(${compileCondition(condition.not)})`;
  const path = `$${condition.path!.split(".").map((key) => `."${key}"`).join("")}`;
  if (condition.exists !== undefined) return condition.exists ? definite(`exists(${path})`) : `!(${definite(`exists(${path})`)})`;
  if (condition.in) return definite(condition.in.map((value) => `${path} == ${literal(value)}`).join(" || "));
  if (condition.eq !== undefined) return definite(`${path} == ${literal(condition.eq)}`);
  const [operator, bound] = ([["gt", ">"], ["gte", ">="], ["lt", "<"], ["lte", "<="]] as const).flatMap(([name, symbol]) =>
    condition[name] === undefined ? [] : [[symbol, condition[name]] as const],
  )[0]!;
  return definite(`${path} ${operator} ${literal(bound)}`);
}

/**
 * The filter as a strict-mode SQL/JSON path predicate, for `jsonb_path_match(payload, path::jsonpath)`: the
 * database evaluates it where publishing joins messages to endpoints, so filtering costs no extra statement.
 */
export function compilePayloadFilter(filter: PayloadFilter): string {
  return `strict ${compileCondition(filter)}`;
}

/** A filter or null (none); the generator cannot follow a recursive schema, so the document refers to a component (see openapi.ts). */
export const nullablePayloadFilterSchema = payloadFilterSchema.nullable().meta({ anyOf: [{ $ref: PAYLOAD_FILTER_SCHEMA_REF }, { type: "null" }] });

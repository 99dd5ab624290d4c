import { eventTypeNames } from "@/server/catalog";
import { isoDateTime } from "@/server/catalog/event-type";
import { invalidInput } from "@/server/endpoints/validation";
import { deliveryStatusSchema, type DeliveryStatusName } from "@/server/messages/schemas";

// The `filter` of a subscription's message list, in the provider's own syntax: conditions
// `field.operator('value')` joined by commas, all of which must hold. For example
// `filter=eventTypeId.eq('user.created'),status.eq('failed'),createdDate.bt('2025-03-01','2025-03-31')`.

/** What a filter asks for, as the message query applies it; dates are half-open: gte ≤ createdDate < lt. */
export type MessageFilter = {
  status?: DeliveryStatusName;
  eventTypeId?: string;
  eventId?: string;
  createdDate?: { gte?: Date; lt?: Date };
};

export const messageFilterSyntax =
  "field.operator('value') conditions joined by commas, all of which must hold: " +
  "createdDate.gt|gteq|lt|lteq('2025-03-01' or an ISO 8601 date-time), createdDate.bt('from','to') (both included), " +
  "status.eq('pending'|'delivering'|'succeeded'|'failed'|'cancelled'), eventTypeId.eq('user.created'), eventId.eq('<uuid>')";

export const messageFilterExample = "eventTypeId.eq('user.created'),status.eq('succeeded'),createdDate.gteq('2025-03-01')";

// field.operator( 'value' [, 'value'] ) followed by a comma or the end; values are quoted and hold no quote
const conditionPattern = /\s*([A-Za-z]+)\.([A-Za-z]+)\(\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)\s*(,|$)/y;

const DAY_MS = 24 * 60 * 60 * 1000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const knownEventTypes = new Set<string>(eventTypeNames);

type Span = { from: Date; to: Date };

/** A date stands for its whole UTC day; a date-time for its millisecond, the precision stored. */
function spanOf(value: string): Span | undefined {
  if (datePattern.test(value)) {
    const from = new Date(`${value}T00:00:00.000Z`);
    // Date rolls 2025-02-30 over to March; only a real calendar day prints back the same
    if (Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== value) return undefined;
    return { from, to: new Date(from.getTime() + DAY_MS) };
  }
  if (!isoDateTime.safeParse(value).success) return undefined;
  const from = new Date(value);
  return { from, to: new Date(from.getTime() + 1) };
}

const equalityFields = {
  status: (value: string) => (deliveryStatusSchema.safeParse(value).success ? undefined : `status is one of ${deliveryStatusSchema.options.join(", ")}`),
  eventTypeId: (value: string) => (knownEventTypes.has(value) ? undefined : `unknown event type "${value}"; GET /events/types lists them`),
  eventId: (value: string) => (uuidPattern.test(value) ? undefined : "eventId is a message id (a UUID)"),
} as const;

const dateOperators = ["gt", "gteq", "lt", "lteq", "bt"] as const;
type DateOperator = (typeof dateOperators)[number];

function boundsOf(operator: DateOperator, [span, until]: [Span, Span?]): { gte?: Date; lt?: Date } {
  switch (operator) {
    case "gt":
      return { gte: span.to };
    case "gteq":
      return { gte: span.from };
    case "lt":
      return { lt: span.from };
    case "lteq":
      return { lt: span.to };
    case "bt":
      return { gte: span.from, lt: (until ?? span).to };
  }
}

/** Reads a filter, or a 422 on `filter` that says what is wrong in terms of the syntax. */
export function parseMessageFilter(filterText: string): MessageFilter {
  const text = filterText.trimEnd();
  const filter: MessageFilter = {};
  const invalidFilter = (message: string) => invalidInput([{ path: ["filter"], message }]);
  const pattern = new RegExp(conditionPattern);
  while (pattern.lastIndex < text.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(text);
    if (!match) throw invalidFilter(`expected field.operator('value') at character ${at + 1}; the syntax is ${messageFilterSyntax}`);
    const [, field = "", operator = "", first = "", second, separator] = match;
    const values = second === undefined ? [first] : [first, second];
    if (separator === "," && pattern.lastIndex === text.length) throw invalidFilter("ends with a comma");

    if (field === "createdDate") {
      if (!(dateOperators as readonly string[]).includes(operator)) throw invalidFilter(`createdDate supports ${dateOperators.join(", ")}`);
      const arity = operator === "bt" ? 2 : 1;
      if (values.length !== arity) throw invalidFilter(arity === 2 ? "createdDate.bt takes two values: from and to" : `createdDate.${operator} takes one value`);
      const spans = values.map(spanOf);
      const invalid = values.find((_, i) => !spans[i]);
      if (invalid !== undefined) throw invalidFilter(`"${invalid}" is not a date (2025-03-01) or an ISO 8601 date-time with an offset`);
      const bounds = boundsOf(operator as DateOperator, spans as [Span, Span?]);
      if (bounds.gte && filter.createdDate?.gte) throw invalidFilter("createdDate has two lower bounds");
      if (bounds.lt && filter.createdDate?.lt) throw invalidFilter("createdDate has two upper bounds");
      filter.createdDate = { ...filter.createdDate, ...bounds };
      continue;
    }

    if (!(field in equalityFields)) throw invalidFilter(`unknown field "${field}"; filter on createdDate, status, eventTypeId or eventId`);
    const name = field as keyof typeof equalityFields;
    if (operator !== "eq" || values.length !== 1) throw invalidFilter(`${name} supports eq with one value: ${name}.eq('…')`);
    if (filter[name] !== undefined) throw invalidFilter(`${name} is filtered twice`);
    const problem = equalityFields[name](first);
    if (problem) throw invalidFilter(problem);
    if (name === "status") filter.status = first as DeliveryStatusName;
    else filter[name] = first;
  }
  return filter;
}

import { findEventType, isOperationalEventType, type EventTypeDefinition } from "@/server/catalog";
import { AppError } from "@/server/errors";

/**
 * How deep a payload may nest, the payload object itself being level 1. Real events stay far below; a payload
 * thousands of levels deep only exists to overflow the stack of whatever walks it recursively (the text
 * check below, serialisation, the database's JSON parser), which would be a 500.
 */
export const MAX_PAYLOAD_DEPTH = 64;

/** Whether `value` nests deeper than `limit` arrays and objects, found without recursion. */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.value === null || typeof next.value !== "object") continue;
    if (next.depth > limit) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

/** The event type and the payload its schema accepts, or a 422 that says what is wrong and where. */
export function validateEventPayload(eventTypeName: string, payload: unknown): { eventType: EventTypeDefinition; payload: unknown } {
  if (nestsDeeperThan(payload, MAX_PAYLOAD_DEPTH)) {
    throw new AppError("UNPROCESSABLE", `The payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels of objects and arrays`, {
      field: "payload",
      max_depth: MAX_PAYLOAD_DEPTH,
    });
  }
  if (isOperationalEventType(eventTypeName)) {
    throw new AppError("UNPROCESSABLE", `"${eventTypeName}" is one of Hookline's operational events: Hookline sends it, nobody publishes it`, {
      field: "event_type",
    });
  }
  const eventType = findEventType(eventTypeName);
  if (!eventType) {
    throw new AppError("UNPROCESSABLE", `Unknown event type "${eventTypeName}"`, {
      field: "event_type",
      hint: "GET /api/v2/events lists the event types",
    });
  }
  const parsed = eventType.schema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("UNPROCESSABLE", `The payload does not match the "${eventType.name}" schema`, {
      issues: parsed.error.issues.map((issue) => ({ path: ["payload", ...issue.path.map(String)].join("."), message: issue.message })),
    });
  }
  const unstorable = unstorableText(parsed.data, "payload");
  if (unstorable.length) {
    throw new AppError("UNPROCESSABLE", `The payload contains text that cannot be stored: ${unstorable[0]!.path}: ${unstorable[0]!.message}`, {
      issues: unstorable,
    });
  }
  return { eventType, payload: parsed.data };
}

// NUL and unpaired UTF-16 surrogates are valid in a JS string and in JSON text, but PostgreSQL's jsonb (and
// text) refuse them: found here they are the client's 422, not a failed insert (a 500).
const NUL = "\u0000";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return "contains the NUL character (\\u0000)";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired UTF-16 surrogate (not valid Unicode)";
  return undefined;
}

/** Every string (key or value) in a JSON value that the database cannot store, with its path. */
export function unstorableText(value: unknown, path: string, found: { path: string; message: string }[] = []): { path: string; message: string }[] {
  if (found.length >= 10) return found;
  if (typeof value === "string") {
    const problem = textProblem(value);
    if (problem) found.push({ path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableText(item, `${path}.${i}`, found));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) found.push({ path: `${path}.${JSON.stringify(key).slice(1, -1)}`, message: `key ${keyProblem}` });
      unstorableText(item, `${path}.${key}`, found);
    }
  }
  return found;
}

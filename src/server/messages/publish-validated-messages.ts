import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Db } from "@/server/db/client";
import type { Prisma } from "@/generated/prisma/client";
import type { MessageDto } from "./schemas";
import { toMessageDto } from "./to-message-dto";
import { writePublishedMessages, type PublishedDeliveryRow, type PublishedMessageRow } from "./write-published-messages";

/** A message whose event type and payload the catalog accepted, for the tenant it is published for. */
export type ValidatedMessage = {
  tenantId: string;
  eventType: string;
  payload: unknown;
  idempotencyKey: string | null;
  orderingKey: string | null;
};

export type PublishResult = { message: MessageDto; replayed: boolean };

/** Why nothing of a publish was written, naming the message (its index in the publish) that caused it. */
export type PublishRefusal = ReusedKey | { fanOut: { index: number; eventType: string; subscribed: number } };
/** `messageId`: the earlier publish's message; null when the key's first use is earlier in this publish. */
type ReusedKey = { reusedKey: { index: number; messageId: string | null } };

/** A concurrent publish took one of our keys between our look-up and our write; each retry looks again. */
const MAX_KEY_RACES = 3;

/**
 * Publishes validated messages, all or none: messages whose idempotency key was used before (by an earlier
 * publish, or earlier in this one) get that first result back and write nothing; the rest are committed
 * together with their deliveries in one statement (write-published-messages.ts, shared with concurrent
 * publishes). Nothing is written if a key was used for a different event type or payload (Stripe's rule:
 * a key names one request) or if a message fans out to more endpoints than the quota allows.
 */
export async function publishValidatedMessages(db: Db, messages: ValidatedMessage[]): Promise<{ results: PublishResult[] } | PublishRefusal> {
  // compared and answered as the database returns JSON: jsonb keeps no key order, and JSON has no `undefined`
  const stored = messages.map((message) => ({ ...message, payload: JSON.parse(JSON.stringify(message.payload)) as Prisma.JsonValue }));
  for (let race = 1; ; race++) {
    const plan = await planPublish(db, stored);
    if ("reusedKey" in plan) return plan;
    const createdAt = new Date();
    const rows: PublishedMessageRow[] = plan.fresh.map((index) => ({
      ...stored[index]!,
      id: randomUUID(),
      payload: stored[index]!.payload as Prisma.InputJsonValue,
      createdAt,
    }));
    if (!rows.length) return { results: plan.results.map((result) => result as PublishResult) };
    let written;
    try {
      written = await writePublishedMessages(db, rows);
    } catch (error) {
      if (isUniqueViolation(error) && race < MAX_KEY_RACES) continue;
      throw error;
    }
    if ("refusedFanOut" in written) {
      const index = plan.fresh[rows.findIndex((row) => row.id === written.refusedFanOut.messageId)]!;
      return { fanOut: { index, eventType: stored[index]!.eventType, subscribed: written.refusedFanOut.subscribed } };
    }
    const results = plan.results;
    const deliveriesOf = new Map<string, PublishedDeliveryRow[]>();
    for (const delivery of written.deliveries) {
      const ofMessage = deliveriesOf.get(delivery.messageId);
      if (ofMessage) ofMessage.push(delivery);
      else deliveriesOf.set(delivery.messageId, [delivery]);
    }
    rows.forEach((row, i) => {
      results[plan.fresh[i]!] = { message: justPublished(row, deliveriesOf.get(row.id) ?? []), replayed: false };
    });
    for (const [index, first] of plan.sameAs) results[index] = { message: results[first]!.message, replayed: true };
    return { results: results.map((result) => result as PublishResult) };
  }
}

type StoredMessage = Omit<ValidatedMessage, "payload"> & { payload: Prisma.JsonValue };
type Plan = {
  /** replays of earlier publishes, filled in with the fresh messages' results once written */
  results: (PublishResult | undefined)[];
  /** indexes of the messages to write */
  fresh: number[];
  /** index → index of the earlier message of this publish with the same key */
  sameAs: Map<number, number>;
};

/** Which messages replay an earlier publish, which repeat a key used earlier in this one, and which are new. */
async function planPublish(db: Db, messages: StoredMessage[]): Promise<Plan | ReusedKey> {
  const existing = await findByIdempotencyKeys(db, messages);
  const firstWithKey = new Map<string, number>();
  const plan: Plan = { results: [], fresh: [], sameAs: new Map() };
  for (const [index, message] of messages.entries()) {
    const key = message.idempotencyKey === null ? undefined : keyOf(message.tenantId, message.idempotencyKey);
    const earlier = key === undefined ? undefined : existing.get(key);
    const first = key === undefined ? undefined : firstWithKey.get(key);
    if (earlier) {
      if (!samePublish(earlier, message)) return { reusedKey: { index, messageId: earlier.id } };
      plan.results[index] = { message: toMessageDto(earlier), replayed: true };
    } else if (first !== undefined) {
      if (!samePublish(messages[first]!, message)) return { reusedKey: { index, messageId: null } };
      plan.sameAs.set(index, first);
    } else {
      if (key !== undefined) firstWithKey.set(key, index);
      plan.fresh.push(index);
    }
  }
  return plan;
}

const keyOf = (tenantId: string, idempotencyKey: string) => `${tenantId} ${idempotencyKey}`;

function samePublish(a: { eventType: string; payload: unknown }, b: StoredMessage): boolean {
  return a.eventType === b.eventType && isDeepStrictEqual(a.payload, b.payload);
}

/** The stored messages (with their deliveries) of every tenant's idempotency keys among `messages`, by tenant and key. */
async function findByIdempotencyKeys(db: Db, messages: StoredMessage[]) {
  const keysByTenant = new Map<string, string[]>();
  for (const { tenantId, idempotencyKey } of messages) {
    if (idempotencyKey === null) continue;
    const keys = keysByTenant.get(tenantId);
    if (keys) keys.push(idempotencyKey);
    else keysByTenant.set(tenantId, [idempotencyKey]);
  }
  if (!keysByTenant.size) return new Map<string, never>();
  const found = await db.message.findMany({
    where: { OR: [...keysByTenant].map(([tenantId, keys]) => ({ tenantId, idempotencyKey: { in: keys } })) },
    include: { deliveries: { orderBy: { createdAt: "asc" } } },
  });
  return new Map(found.map((message) => [keyOf(message.tenantId, message.idempotencyKey!), message]));
}

/** What was just committed, without reading it back: the deliveries are pending until the executor starts them. */
function justPublished(message: PublishedMessageRow, deliveries: PublishedDeliveryRow[]): MessageDto {
  return toMessageDto({
    ...message,
    payload: message.payload as Prisma.JsonValue,
    deliveries: deliveries.map((delivery) => ({
      ...delivery,
      status: "pending" as const,
      attemptCount: 0,
      nextAttemptAt: null,
      lastAttemptAt: null,
      completedAt: null,
      enqueuedAt: null,
      retryOfId: null,
      isTest: false,
      lastError: null,
      updatedAt: message.createdAt,
    })),
  });
}

/** PostgreSQL's unique_violation, as Prisma reports it for a model query (P2002) or a raw one (the SQLSTATE). */
function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    const { code, meta, cause } = current as { code?: unknown; meta?: { code?: unknown }; cause?: unknown };
    if (code === "P2002" || code === "23505" || meta?.code === "23505") return true;
    current = cause;
  }
  return false;
}

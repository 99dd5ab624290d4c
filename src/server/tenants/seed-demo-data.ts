import type { Db } from "@/server/db/client";
import { requireEventType, type EventTypeName } from "@/server/catalog";
import { createEndpoint } from "@/server/endpoints/create-endpoint";
import { createInspectorBin } from "@/server/inspector/create-inspector-bin";
import { inspectorCaptureUrl } from "@/server/inspector/capture-url";
import { publishMessage } from "@/server/messages/publish-message";

const SEED_MARK = "demo";

// A spread of the seeds' events, each delivered to the inspector endpoint; the two the flaky endpoint
// also subscribes to fail there, so a newcomer sees successes, failures and retries side by side.
const demoEvents: EventTypeName[] = ["RiskAssessmentCalculated", "profile_create", "document_upload", "ProfileStatusUpdated", "session.submitted", "user.created"];
const flakyEvents: EventTypeName[] = ["document_upload", "session.submitted"];

export type SeedDemoDataResult = {
  /** false when the tenant was seeded before (its demo endpoints are then left as the tenant left them) */
  created: boolean;
  captureUrl: string | null;
  endpointIds: string[];
  messageIds: string[];
};

/**
 * What a newcomer signing in to the demo tenant finds: an inspector bin, an endpoint pointing at it, a
 * flaky endpoint (the same bin answering 503) and a handful of published events. Safe to run on every
 * start: a tenant seeded once is never seeded again, even after it deleted the demo endpoints, and the
 * messages carry idempotency keys. Deliveries run once the app (and its executor) is up; published
 * before that, they wait for the delivery sweep.
 */
export async function seedDemoData({ db, tenantId, publicUrl, encryptionKey }: {
  db: Db;
  tenantId: string;
  /** the app's public origin, e.g. http://localhost:3000: endpoints point at its own inspector */
  publicUrl: string;
  encryptionKey: Buffer;
}): Promise<SeedDemoDataResult> {
  const seededBefore = await db.endpoint.findMany({
    where: { tenantId, metadata: { path: ["seed"], equals: SEED_MARK } },
    select: { id: true, url: true },
  });
  if (seededBefore.length > 0) {
    const bin = await db.inspectorBin.findFirst({ where: { tenantId }, orderBy: { createdAt: "asc" } });
    return {
      created: false,
      captureUrl: bin ? inspectorCaptureUrl({ publicUrl, token: bin.token }) : null,
      endpointIds: seededBefore.map((e) => e.id),
      messageIds: [],
    };
  }

  const bin = await createInspectorBin({ db, tenantId, publicUrl, input: { name: "Demo inspector" } });
  const common = { metadata: { seed: SEED_MARK }, signature_scheme: "standard" as const };
  const inspector = await createEndpoint({
    db,
    tenantId,
    encryptionKey,
    input: { ...common, url: bin.captureUrl, description: "Demo: the built-in inspector", enabled_events: ["*"] },
  });
  const flaky = await createEndpoint({
    db,
    tenantId,
    encryptionKey,
    input: {
      ...common,
      url: `${bin.captureUrl}?status=503`,
      description: "Demo: a flaky receiver (always answers 503)",
      enabled_events: flakyEvents,
      retry_count: 2,
      retry_interval: 5,
    },
  });

  const messageIds: string[] = [];
  for (const [index, name] of demoEvents.entries()) {
    const { message } = await publishMessage({
      db,
      tenantId,
      input: { event_type: name, payload: requireEventType(name).example as object, idempotency_key: `demo-seed-${index + 1}` },
    });
    messageIds.push(message.id);
  }
  return { created: true, captureUrl: bin.captureUrl, endpointIds: [inspector.id, flaky.id], messageIds };
}

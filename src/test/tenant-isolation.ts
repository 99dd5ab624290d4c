/**
 * Tenant isolation through tRPC, for the suites that check a caller of tenant A reaches nothing of tenant B's:
 * a member (src/reliability/security-isolation.test.ts) and a portal session
 * (src/server/trpc/portal-session-access.test.ts). Each procedure that acts on the caller's own tenant is
 * called with B's ids where it takes ids, and B's rows are compared before and after.
 */
import superjson from "superjson";
import type { Db } from "@/server/db/client";
import { findEventType } from "@/server/catalog";
import type { createCaller } from "@/server/trpc/root";

export type Caller = ReturnType<typeof createCaller>;

/**
 * What a call with B's ids must come to: `not-found`, NOT_FOUND; `own-data-only`, it succeeds but returns only
 * the caller's own data (none of B's ids or secrets); `rejected`, FORBIDDEN whatever it is given; `refused`,
 * BAD_REQUEST or CONFLICT from the caller's own tenant (leaving it as its last owner, deleting it by B's name).
 */
export type IsolationOutcome = "not-found" | "own-data-only" | "rejected" | "refused";
export type IsolationCase = { call: (caller: Caller) => Promise<unknown>; expect: IsolationOutcome };

/** B's rows whose ids the calls pass; read when a call runs, so a suite may fill them in its beforeAll. */
export type OtherTenantIds = { endpointId: string; deliveryId: string; messageId: string; binId: string };

/**
 * Every procedure that acts on its caller's own tenant and that a developer may call (not sign-up, API keys,
 * members' management, the caller's tenants or the operator console, which each suite treats in its own
 * way), called with B's ids where it takes ids.
 */
export function tenantProcedureCases(b: OtherTenantIds): Record<string, IsolationCase & { expect: "not-found" | "own-data-only" }> {
  return {
    "account.me": { call: (c) => c.account.me(), expect: "own-data-only" },
    "activity.list": { call: (c) => c.activity.list(), expect: "own-data-only" },
    "endpoints.list": { call: (c) => c.endpoints.list(), expect: "own-data-only" },
    "endpoints.quota": { call: (c) => c.endpoints.quota(), expect: "own-data-only" },
    "endpoints.get": { call: (c) => c.endpoints.get({ id: b.endpointId }), expect: "not-found" },
    "endpoints.create": { call: (c) => c.endpoints.create({ url: "https://a.example/created" }), expect: "own-data-only" },
    "endpoints.update": { call: (c) => c.endpoints.update({ id: b.endpointId, data: { url: "https://a.example/stolen" } }), expect: "not-found" },
    "endpoints.delete": { call: (c) => c.endpoints.delete({ id: b.endpointId }), expect: "not-found" },
    "endpoints.secret": { call: (c) => c.endpoints.secret({ id: b.endpointId }), expect: "not-found" },
    "endpoints.rotateSecret": { call: (c) => c.endpoints.rotateSecret({ id: b.endpointId }), expect: "not-found" },
    // the last messages it previews against are the caller's own: B's message (published in set-up) is never among them
    "endpoints.previewFilter": { call: (c) => c.endpoints.previewFilter({ filter: { path: "id", exists: false } }), expect: "own-data-only" },
    "primaryWebhook.get": { call: (c) => c.primaryWebhook.get(), expect: "own-data-only" },
    "primaryWebhook.upsert": { call: (c) => c.primaryWebhook.upsert({ url: "https://a.example/primary-2", signature_enabled: false }), expect: "own-data-only" },
    "primaryWebhook.token": { call: (c) => c.primaryWebhook.token(), expect: "own-data-only" },
    "primaryWebhook.rotateToken": { call: (c) => c.primaryWebhook.rotateToken(), expect: "own-data-only" },
    "catalog.list": { call: (c) => c.catalog.list(), expect: "own-data-only" },
    "deliveries.list": { call: (c) => c.deliveries.list({ endpointId: b.endpointId, messageId: b.messageId }), expect: "own-data-only" },
    "deliveries.get": { call: (c) => c.deliveries.get({ id: b.deliveryId }), expect: "not-found" },
    "deliveries.retry": { call: (c) => c.deliveries.retry({ delivery_id: b.deliveryId }), expect: "not-found" },
    "deliveries.recover": { call: (c) => c.deliveries.recover({ endpoint_id: b.endpointId, since: new Date(0) }), expect: "not-found" },
    "deliveries.sendTest": { call: (c) => c.deliveries.sendTest({ endpoint_id: b.endpointId, event_type: "user.created" }), expect: "not-found" },
    "messages.publish": { call: (c) => c.messages.publish({ event_type: "user.created", payload: findEventType("user.created")!.example }), expect: "own-data-only" },
    "messages.get": { call: (c) => c.messages.get({ id: b.messageId }), expect: "not-found" },
    "inspector.listBins": { call: (c) => c.inspector.listBins(), expect: "own-data-only" },
    "inspector.createBin": { call: (c) => c.inspector.createBin({ name: "A's new bin" }), expect: "own-data-only" },
    "inspector.deleteBin": { call: (c) => c.inspector.deleteBin({ binId: b.binId }), expect: "not-found" },
    "inspector.clearRequests": { call: (c) => c.inspector.clearRequests({ binId: b.binId }), expect: "not-found" },
    "inspector.listRequests": { call: (c) => c.inspector.listRequests({ binId: b.binId }), expect: "not-found" },
    "dashboard.stats": { call: (c) => c.dashboard.stats({ range: "30d" }), expect: "own-data-only" },
    "members.list": { call: (c) => c.members.list(), expect: "own-data-only" },
  };
}

/** Runs a call to its end: what it returned, or what it threw. */
export async function settle(run: () => Promise<unknown>): Promise<{ result?: unknown; error?: unknown }> {
  try {
    return { result: await run() };
  } catch (error) {
    return { error };
  }
}

/** Every row of a tenant a procedure could change, serialised to compare before and after a call. */
export async function snapshotOfTenant(db: Db, tenantId: string): Promise<string> {
  const [endpoints, secrets, messages, deliveries, bins, requests, keys] = await Promise.all([
    db.endpoint.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.endpointSecret.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.message.count({ where: { tenantId } }),
    db.delivery.findMany({ where: { tenantId }, orderBy: { id: "asc" }, select: { id: true, status: true, updatedAt: true } }),
    db.inspectorBin.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    db.inspectorRequest.count({ where: { bin: { tenantId } } }),
    db.apiKey.findMany({ where: { tenantId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true } }),
  ]);
  return superjson.stringify({ endpoints, secrets, messages, deliveries, bins, requests, keys });
}

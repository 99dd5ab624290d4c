/**
 * What a portal session (a product's customer inside the embedded portal, no Hookline account) may do
 * through the portal's tRPC API, every procedure enumerated from the router so a new one without a case
 * here fails the suite: a read session changes nothing and reveals no secret; a full session reaches its own
 * tenant only; a portal link never reaches API keys, members nor the operator's procedures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import type { AnyProcedure } from "@trpc/server";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { settle, snapshotOfTenant, tenantProcedureCases, type Caller } from "@/test/tenant-isolation";
import type { Actor, Capability } from "@/server/access/caller";
import type { Db } from "@/server/db/client";
import { findEventType } from "@/server/catalog";
import { mintPortalLink } from "@/server/portal-links/mint-portal-link";
import { redeemPortalLink } from "@/server/portal-links/redeem-portal-link";
import { resolvePortalSession, type PortalSession } from "@/server/portal-links/resolve-portal-session";
import { appRouter, createCaller } from "@/server/trpc/root";

let database: TestDatabase;
let db: Db;

type Tenant = Awaited<ReturnType<typeof createTestTenant>>;
let a: Tenant;
let b: Tenant;
let fullSession: Caller;
let readSession: Caller;
/** B's rows, which A's portal session must never reach */
const bData = { endpointId: "", deliveryId: "", messageId: "", binId: "", secret: "" };

const product: Actor = { kind: "platform_key", id: "00000000-0000-4000-8000-000000000001", label: "Product backend" };

/** A tenant's portal session as a browser gets it: a link minted by the product, then opened. */
async function portalSessionFor(tenantId: string, capability: Capability): Promise<PortalSession> {
  const link = await mintPortalLink({ db, tenantId, input: { capability }, actor: product, publicUrl: "http://hookline.test" });
  const redeemed = await redeemPortalLink({ db, token: new URL(link.url).pathname.split("/").pop()! });
  if (!redeemed.ok) throw new Error(`the link did not open: ${redeemed.reason}`);
  return (await resolvePortalSession({ db, sessionToken: redeemed.sessionToken }))!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  a = await createTestTenant(db, "Tenant A");
  b = await createTestTenant(db, "Tenant B");
  fullSession = createCaller({ db, user: null, portalSession: await portalSessionFor(a.tenantId, "full") });
  readSession = createCaller({ db, user: null, portalSession: await portalSessionFor(a.tenantId, "read") });

  // A has something of each kind too, so the read session has real rows it could try to change
  const ownEndpoint = await a.trpc.endpoints.create({ url: "https://a.example/hook", enabled_events: ["*"] });
  await a.trpc.inspector.createBin({ name: "A's bin" });
  await a.trpc.messages.publish({ event_type: "user.created", payload: findEventType("user.created")!.example });
  await a.trpc.primaryWebhook.upsert({ url: "https://a.example/primary", signature_enabled: true });
  expect(ownEndpoint.id).toBeTruthy();

  const endpoint = await b.trpc.endpoints.create({ url: "https://b.example/hook", enabled_events: ["*"] });
  bData.endpointId = endpoint.id;
  bData.secret = (await b.trpc.endpoints.secret({ id: endpoint.id })).secret;
  const { message } = await b.trpc.messages.publish({ event_type: "user.created", payload: findEventType("user.created")!.example });
  bData.messageId = message.id;
  bData.deliveryId = message.deliveries[0]!.id;
  await db.delivery.update({ where: { id: bData.deliveryId }, data: { status: "failed", completedAt: new Date() } });
  bData.binId = (await b.trpc.inspector.createBin({ name: "B's bin" })).id;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

/** Calls a procedure by its dotted name, as the HTTP adapter would. */
function call(caller: Caller, name: string, input?: unknown): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking the caller by a name read from the router
  const procedure = name.split(".").reduce<any>((node, key) => node[key], caller);
  return procedure(input);
}

// the router's procedures by dotted name, flat at run time whatever their nesting in the router's type
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const procedureNames = Object.keys(procedures);
const mutationNames = procedureNames.filter((name) => procedures[name]!._def.type === "mutation");

/**
 * Public sign-up makes a new account of its own, and the emailed links act on what their token names (an
 * invitation, a password reset): none acts on the caller's tenant, whoever calls it.
 */
const actsOnNoTenant = ["account.signUp", "invitations.preview", "invitations.signUp", "passwordReset.request", "passwordReset.reset"];
/** The product team's procedures: they need a signed-in operator, which a portal session never is. */
const isOperatorProcedure = (name: string) => name.startsWith("operator.");
/** A person's own tenants: they need a signed-in user, which a portal session never is. */
const isSignedInProcedure = (name: string) => (name.startsWith("tenants.") && name !== "tenants.delete") || name === "invitations.accept";
/**
 * The account's: API keys (they outlive the session that would mint them), members and their invitations,
 * and the tenant itself.
 * A portal session acts as a developer at most, and has no membership to leave.
 */
const isApiKeyProcedure = (name: string) =>
  name.startsWith("apiKeys.") ||
  (name.startsWith("members.") && name !== "members.list") ||
  ["invitations.list", "invitations.create", "invitations.revoke"].includes(name) ||
  name === "tenants.delete";

/** Every row of tenant `tenantId` the portal could change, serialised for before/after comparison. */
const snapshotOf = (tenantId: string) => snapshotOfTenant(db, tenantId);

describe("a read-only portal session", () => {
  it("finds mutations in the router", () => {
    expect(mutationNames).toEqual(expect.arrayContaining(["endpoints.create", "endpoints.rotateSecret", "deliveries.sendTest", "inspector.createBin"]));
  });

  it.each(mutationNames.filter((name) => !actsOnNoTenant.includes(name)))("%s is refused, and changes nothing", async (name) => {
    const before = await snapshotOf(a.tenantId);
    const refusal = call(readSession, name);
    await expect(refusal).rejects.toMatchObject({ code: isOperatorProcedure(name) || isSignedInProcedure(name) ? "UNAUTHORIZED" : "FORBIDDEN" });
    expect(await snapshotOf(a.tenantId)).toBe(before);
  });

  it("reads everything it is shown but secrets, as a viewer does", async () => {
    const [endpoint] = ((await call(readSession, "endpoints.list")) as { data: { id: string }[] }).data;
    await expect(call(readSession, "endpoints.get", { id: endpoint!.id })).resolves.toMatchObject({ id: endpoint!.id });
    await expect(call(readSession, "endpoints.secret", { id: endpoint!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(call(readSession, "primaryWebhook.token")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(call(readSession, "account.me")).resolves.toMatchObject({ user: null, portal: { origin: "link", capability: "read" } });
  });
});

/**
 * Every tenant procedure, called by A's full portal session with B's ids where it takes ids.
 * `own-data-only`: it succeeds and returns nothing of B's (no id, no secret).
 */
const tenantProcedures = tenantProcedureCases(bData);

describe("a full portal session", () => {
  it("has a case for every procedure of the router", () => {
    const covered = (name: string) =>
      name in tenantProcedures || actsOnNoTenant.includes(name) || isOperatorProcedure(name) || isApiKeyProcedure(name) || isSignedInProcedure(name);
    expect(procedureNames.filter((name) => !covered(name))).toEqual([]);
  });

  it.each(Object.entries(tenantProcedures))("%s, called with tenant B's ids, reaches nothing of B's", async (_name, { call: callWith, expect: outcome }) => {
    const before = await snapshotOf(b.tenantId);
    const { result, error } = await settle(() => callWith(fullSession));
    if (outcome === "not-found") {
      expect(error, "expected NOT_FOUND").toMatchObject({ code: "NOT_FOUND" });
    } else {
      expect(error).toBeUndefined();
      const text = superjson.stringify(result);
      for (const id of [b.tenantId, bData.endpointId, bData.deliveryId, bData.messageId, bData.binId, bData.secret]) expect(text).not.toContain(id);
    }
    expect(await snapshotOf(b.tenantId)).toBe(before);
  });

  it("is recorded in the activity log as the portal link, not as a user", async () => {
    const endpoint = await fullSession.endpoints.create({ url: "https://a.example/audited" });
    const entry = await db.activityEntry.findFirst({ where: { tenantId: a.tenantId, targetId: endpoint.id } });
    expect(entry).toMatchObject({ actorKind: "portal_link", actorLabel: "portal link from Product backend" });
  });
});

describe("a portal link never reaches API keys, members, its tenants nor the operator's procedures", () => {
  const refused = procedureNames.filter((name) => isApiKeyProcedure(name) || isOperatorProcedure(name) || isSignedInProcedure(name));

  it("finds both kinds in the router", () => {
    expect(refused.some(isApiKeyProcedure)).toBe(true);
    expect(refused.some(isOperatorProcedure)).toBe(true);
  });

  it.each(refused.flatMap((name) => (["full", "read"] as const).map((capability) => [name, capability] as const)))(
    "%s is refused to a %s session",
    async (name, capability) => {
      const keysBefore = await db.apiKey.count();
      const tenantsBefore = await db.tenant.count();
      const refusal = call(capability === "full" ? fullSession : readSession, name);
      await expect(refusal).rejects.toMatchObject({ code: isOperatorProcedure(name) || isSignedInProcedure(name) ? "UNAUTHORIZED" : "FORBIDDEN" });
      expect(await db.apiKey.count()).toBe(keysBefore);
      expect(await db.tenant.count()).toBe(tenantsBefore);
    },
  );
});

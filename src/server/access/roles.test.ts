/**
 * Roles per tenant: every procedure of the portal's tRPC router (enumerated from the router, so a new one
 * without a declared permission fails here), called by an owner, an admin, a developer and a viewer of the
 * same tenant, is refused with 403 exactly where README § Teams says the role may not act.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnyProcedure } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { addTestMember, createTestTenant } from "@/test/fixtures";
import { settle, type Caller } from "@/test/tenant-isolation";
import type { Db } from "@/server/db/client";
import { isTenantPermission, type ProcedureAccess, type ProcedureMeta } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { permissions, roleMay, tenantRoles, type Permission, type TenantRole } from "./permissions";

let database: TestDatabase;
let db: Db;
let tenantId: string;
const callers = {} as Record<TenantRole, Caller>;
const userIds = {} as Record<TenantRole, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  const owner = await createTestTenant(db, "Roles Inc");
  tenantId = owner.tenantId;
  callers.owner = owner.trpc;
  userIds.owner = owner.user.id;
  for (const role of ["admin", "developer", "viewer"] as const) {
    const member = await addTestMember(db, tenantId, role);
    callers[role] = member.trpc;
    userIds[role] = member.user.id;
  }
}, 120_000);

afterAll(async () => {
  await database?.close();
});

// a call allowed to `members.leave` takes its caller out: every call starts from the same four members
beforeEach(async () => {
  for (const role of tenantRoles) {
    await db.membership.upsert({
      where: { userId_tenantId: { userId: userIds[role], tenantId } },
      create: { userId: userIds[role], tenantId, role },
      update: { role },
    });
  }
});

/** README § Teams' table: permission → the roles it shows a ✓ for. */
function readmeTable(): Map<string, Set<string>> {
  const readme = fs.readFileSync(path.resolve("README.md"), "utf8");
  const header = readme.split("\n").find((line) => line.startsWith("| permission |"));
  if (!header) throw new Error("README has no roles table");
  const roles = header.split("|").slice(2, -1).map((cell) => cell.trim());
  const table = new Map<string, Set<string>>();
  for (const line of readme.split("\n")) {
    const match = line.match(/^\| `([a-zA-Z:]+)` —/);
    if (!match) continue;
    const cells = line.split("|").slice(2, -1).map((cell) => cell.trim());
    table.set(match[1]!, new Set(roles.filter((_, i) => cells[i] === "✓")));
  }
  return table;
}

const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const declaredAccess = (name: string) => (procedures[name]!._def.meta as ProcedureMeta | undefined)?.access;

/** What each procedure must need: a new procedure fails until it is listed here, a wrong declaration too. */
const expectedAccess: Record<string, ProcedureAccess> = {
  "account.signUp": "public",
  "account.me": "tenant:read",
  "activity.list": "tenant:read",
  "catalog.list": "tenant:read",
  "dashboard.stats": "tenant:read",
  "endpoints.list": "tenant:read",
  "endpoints.quota": "tenant:read",
  "endpoints.get": "tenant:read",
  "endpoints.secret": "secrets:read",
  "endpoints.create": "endpoints:write",
  "endpoints.update": "endpoints:write",
  "endpoints.delete": "endpoints:write",
  "endpoints.rotateSecret": "endpoints:write",
  "endpoints.previewFilter": "tenant:read",
  "primaryWebhook.get": "tenant:read",
  "primaryWebhook.token": "secrets:read",
  "primaryWebhook.upsert": "endpoints:write",
  "primaryWebhook.rotateToken": "endpoints:write",
  "deliveries.list": "tenant:read",
  "deliveries.get": "tenant:read",
  "deliveries.retry": "deliveries:write",
  "deliveries.recover": "deliveries:write",
  "deliveries.sendTest": "deliveries:write",
  "messages.get": "tenant:read",
  "messages.publish": "deliveries:write",
  "inspector.listBins": "tenant:read",
  "inspector.listRequests": "tenant:read",
  "inspector.createBin": "inspector:write",
  "inspector.deleteBin": "inspector:write",
  "inspector.clearRequests": "inspector:write",
  "apiKeys.list": "apiKeys:manage",
  "apiKeys.create": "apiKeys:manage",
  "apiKeys.revoke": "apiKeys:manage",
  "members.list": "tenant:read",
  "members.leave": "membership:leave",
  "members.changeRole": "members:manage",
  "members.remove": "members:manage",
  "members.transferOwnership": "ownership:transfer",
  "tenants.create": "signed-in",
  "tenants.switch": "signed-in",
  "tenants.delete": "tenant:delete",
  "invitations.list": "members:manage",
  "invitations.create": "members:manage",
  "invitations.revoke": "members:manage",
  "invitations.preview": "public",
  "invitations.accept": "signed-in",
  "invitations.signUp": "public",
  "passwordReset.request": "public",
  "passwordReset.reset": "public",
};
const accessOf = (name: string) => expectedAccess[name] ?? "operator";
const isOperatorProcedure = (name: string) => name.startsWith("operator.");

function call(caller: Caller, name: string): Promise<unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking the caller by a name read from the router
  const procedure = name.split(".").reduce<any>((node, key) => node[key], caller);
  return procedure(undefined);
}

describe("the permission table", () => {
  it("is the README's table", () => {
    const readme = readmeTable();
    expect([...readme.keys()].sort()).toEqual(Object.keys(permissions).sort());
    for (const permission of Object.keys(permissions) as Permission[]) {
      expect([...readme.get(permission)!].sort(), permission).toEqual(tenantRoles.filter((role) => roleMay(role, permission)).sort());
    }
  });

  it("is declared by every procedure of the router, as this file expects", () => {
    const declared = Object.fromEntries(Object.keys(procedures).map((name) => [name, declaredAccess(name)]));
    const expected = Object.fromEntries(
      Object.keys(procedures).map((name) => [name, isOperatorProcedure(name) ? "operator" : (expectedAccess[name] ?? "(not listed in this test)")]),
    );
    expect(declared).toEqual(expected);
  });
});

/** Whether a role may call a procedure, by README § Teams (operators are no tenant role: always refused). */
function expectedAllowed(name: string, role: TenantRole): boolean {
  const access = accessOf(name);
  if (access === "operator") return false;
  if (access === "public" || access === "signed-in") return true;
  return readmeTable().get(access)!.has(role);
}

const cases = Object.keys(procedures).flatMap((name) => tenantRoles.map((role) => [name, role] as const));

describe("every procedure × role", () => {
  it.each(cases)("%s as %s", async (name, role) => {
    const { error } = await settle(() => call(callers[role], name));
    const status = error ? getHTTPStatusCodeFromError(error as never) : 200;
    if (expectedAllowed(name, role)) {
      // allowed: it may still refuse the missing input, but never for the role
      expect([401, 403], `${name} refused a ${role}: ${(error as Error | undefined)?.message}`).not.toContain(status);
    } else {
      expect(status, `${name} let a ${role} through`).toBe(403);
      const access = accessOf(name);
      if (isTenantPermission(access)) expect((error as Error).message).toContain(permissions[access].means);
    }
  });
});

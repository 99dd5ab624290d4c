import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { addTestMember, createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import { verifyCredentials } from "@/server/tenants/verify-credentials";
import { createCaller } from "@/server/trpc/root";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

/** A tenant with an owner and one member of each other role. */
async function team() {
  const owner = await createTestTenant(db, "Team Co");
  const admin = await addTestMember(db, owner.tenantId, "admin");
  const developer = await addTestMember(db, owner.tenantId, "developer");
  const viewer = await addTestMember(db, owner.tenantId, "viewer");
  return { owner, admin, developer, viewer };
}

describe("members", () => {
  it("lists every member with role and last sign-in, owners first", async () => {
    const { owner, viewer } = await team();
    await verifyCredentials({ db, input: { email: viewer.user.email, password: "correct horse battery" } });
    const members = await viewer.trpc.members.list();
    expect(members.map((m) => m.role)).toEqual(["owner", "admin", "developer", "viewer"]);
    expect(members[0]).toMatchObject({ email: owner.user.email, last_sign_in_at: null });
    expect(members[3]!.last_sign_in_at).toBeInstanceOf(Date);
  });

  it("an admin changes roles below owner, and its change takes effect on the member's next call", async () => {
    const { owner, admin, developer } = await team();
    const endpoint = await developer.trpc.endpoints.create({ url: "https://team.example/hook" });
    await admin.trpc.members.changeRole({ user_id: developer.user.id, role: "viewer" });
    await expect(developer.trpc.endpoints.secret({ id: endpoint.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.trpc.members.changeRole({ user_id: developer.user.id, role: "owner" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.trpc.members.changeRole({ user_id: owner.user.id, role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const entry = await db.activityEntry.findFirst({ where: { tenantId: owner.tenantId, action: "member.role_changed" } });
    expect(entry?.summary).toBe(`Changed ${developer.user.email} from developer to viewer`);
  });

  it("never leaves a tenant without an owner", async () => {
    const { owner, admin } = await team();
    await expect(owner.trpc.members.changeRole({ user_id: owner.user.id, role: "admin" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(owner.trpc.members.remove({ user_id: owner.user.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(owner.trpc.members.leave()).rejects.toMatchObject({ code: "CONFLICT" });
    await owner.trpc.members.changeRole({ user_id: admin.user.id, role: "owner" });
    await owner.trpc.members.leave();
    expect((await admin.trpc.members.list()).map((m) => [m.email, m.role])).not.toContainEqual([owner.user.email, "owner"]);
  });

  it("a removed member, or one who left, reaches the tenant no more", async () => {
    const { admin, developer, viewer } = await team();
    await admin.trpc.members.remove({ user_id: developer.user.id });
    await expect(developer.trpc.endpoints.list()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await viewer.trpc.members.leave();
    await expect(viewer.trpc.members.list()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.trpc.members.remove({ user_id: viewer.user.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an owner hands the tenant over and becomes an admin", async () => {
    const { owner, developer } = await team();
    await owner.trpc.members.transferOwnership({ user_id: developer.user.id });
    const roles = Object.fromEntries((await owner.trpc.members.list()).map((m) => [m.email, m.role]));
    expect(roles[developer.user.email]).toBe("owner");
    expect(roles[owner.user.email]).toBe("admin");
    await expect(owner.trpc.members.transferOwnership({ user_id: developer.user.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("several tenants", () => {
  it("a member creates another tenant, owns it, and switches between the two", async () => {
    const { owner } = await team();
    const responseHeaders = new Headers();
    const created = await createCaller({ db, user: owner.user, responseHeaders }).tenants.create({ name: "Second Co" });
    expect(responseHeaders.get("set-cookie")).toContain(`hookline-tenant=${created.slug}`);
    const inSecond = createCaller({ db, user: owner.user, preferredTenantSlug: created.slug });
    const me = await inSecond.account.me();
    expect(me.activeTenant).toMatchObject({ name: "Second Co", role: "owner" });
    expect(me.tenants.map((t) => t.name)).toEqual(["Team Co", "Second Co"]);
    await expect(owner.trpc.tenants.switch({ slug: "not-mine" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an owner deletes the tenant they act on once they type its name", async () => {
    const { owner, admin } = await team();
    await expect(admin.trpc.tenants.delete({ confirm_name: "Team Co" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(owner.trpc.tenants.delete({ confirm_name: "Team" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await owner.trpc.tenants.delete({ confirm_name: "Team Co" });
    expect(await db.tenant.count({ where: { id: owner.tenantId } })).toBe(0);
  });
});

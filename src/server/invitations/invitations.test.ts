import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { linkIn, startSmtpCatcher, type SmtpCatcher } from "@/test/smtp-catcher";
import { trpcGet } from "@/test/trpc-http";
import type { Db } from "@/server/db/client";
import { configureAuthThrottle } from "@/server/auth/auth-throttle";
import { configureEmail } from "@/server/email/mailer";
import { listUserTenants } from "@/server/tenants/list-user-tenants";
import { verifyCredentials } from "@/server/tenants/verify-credentials";
import { createCaller } from "@/server/trpc/root";
import { createInvitation } from "./create-invitation";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let smtp: SmtpCatcher;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  smtp = await startSmtpCatcher();
});
afterAll(async () => {
  configureEmail(null);
  await smtp.close();
  await database.close();
});
beforeEach(() => {
  configureEmail({ smtpUrl: smtp.url, from: "Hookline <hookline@example.test>" });
  configureAuthThrottle({ perAddress: 1000, perAccount: 1000 });
});

const INVITE_LINK = "http://hookline.test/invitations/";
let invitees = 0;
const newEmail = (who = "invitee") => `${who}-${++invitees}-${Date.now()}@example.test`;

/** Someone who joined `tenantId` with `role` through an invitation, with a tRPC caller of their own. */
async function memberWithRole(owner: Awaited<ReturnType<typeof createTestTenant>>, role: "admin" | "developer" | "viewer") {
  const email = newEmail(role);
  const { link } = await owner.trpc.invitations.create({ email, role });
  const token = link.slice(INVITE_LINK.length);
  await createCaller({ db, user: null }).invitations.signUp({ token, name: `A ${role}`, password: "correct horse battery" });
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return { user, trpc: createCaller({ db, user: { id: user.id, email, name: user.name } }) };
}

describe("invitations", () => {
  it("email the invitee a single-use link; signing up through it joins the tenant with the role and makes no tenant of their own", async () => {
    const owner = await createTestTenant(db, "Umbrella Labs");
    const email = newEmail();
    const created = await owner.trpc.invitations.create({ email: email.toUpperCase(), role: "viewer" });
    expect(created).toMatchObject({ emailed: "sent", invitation: { email, role: "viewer", status: "pending", invited_by: owner.user.email } });

    const message = await smtp.waitForEmail((m) => m.to.includes(email));
    expect(message.subject).toBe("You are invited to Umbrella Labs on Hookline");
    expect(message.from).toBe("hookline@example.test");
    const link = linkIn(message, INVITE_LINK);
    expect(link).toBe(created.link);
    expect(message.text).toContain(`${owner.user.email} invited you to join Umbrella Labs on Hookline as viewer.`);
    expect(message.html).toContain(`href="${link}"`);
    // only the hash is kept
    const token = link.slice(INVITE_LINK.length);
    expect(JSON.stringify(await db.invitation.findMany({ where: { email } }))).not.toContain(token);

    const anonymous = createCaller({ db, user: null });
    expect(await anonymous.invitations.preview({ token })).toMatchObject({ ok: true, tenantName: "Umbrella Labs", email, role: "viewer", hasAccount: false });
    const joined = await anonymous.invitations.signUp({ token, name: "Vera Viewer", password: "correct horse battery" });
    expect(joined).toMatchObject({ email, role: "viewer", tenant: { id: owner.tenantId } });

    const user = await verifyCredentials({ db, input: { email, password: "correct horse battery" } });
    expect(user).toMatchObject({ email });
    expect(await listUserTenants({ db, userId: user!.id })).toEqual([expect.objectContaining({ id: owner.tenantId, role: "viewer" })]);

    // single use: the same link again, by sign-up or by the now signed-in invitee
    await expect(anonymous.invitations.signUp({ token, name: "Again", password: "correct horse battery" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This invitation has already been accepted.",
    });
    await expect(createCaller({ db, user: { id: user!.id, email, name: null } }).invitations.accept({ token })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await anonymous.invitations.preview({ token })).toEqual({ ok: false, reason: "used" });
    expect((await owner.trpc.invitations.list()).invitations).toEqual([]);
  });

  it("stop working after 7 days", async () => {
    const owner = await createTestTenant(db);
    const email = newEmail();
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const { link, invitation } = await createInvitation({
      db,
      caller: { tenantId: owner.tenantId, actor: { kind: "user", id: owner.user.id, label: owner.user.email }, role: "owner" },
      input: { email, role: "developer" },
      now: eightDaysAgo,
    });
    expect(invitation.expires_at).toEqual(new Date(eightDaysAgo.getTime() + 7 * 24 * 60 * 60 * 1000));
    const token = link.slice(INVITE_LINK.length);
    const anonymous = createCaller({ db, user: null });
    expect(await anonymous.invitations.preview({ token })).toEqual({ ok: false, reason: "expired" });
    await expect(anonymous.invitations.signUp({ token, name: "Late", password: "correct horse battery" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This invitation has expired. Ask for a new one.",
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect((await owner.trpc.invitations.list()).invitations).toEqual([expect.objectContaining({ email, status: "expired" })]);
  });

  it("can be revoked while pending, only within their tenant; inviting again replaces the earlier link", async () => {
    const owner = await createTestTenant(db);
    const other = await createTestTenant(db);
    const email = newEmail();
    const first = await owner.trpc.invitations.create({ email, role: "developer" });
    const second = await owner.trpc.invitations.create({ email, role: "admin" });
    const anonymous = createCaller({ db, user: null });
    expect(await anonymous.invitations.preview({ token: first.link.slice(INVITE_LINK.length) })).toEqual({ ok: false, reason: "revoked" });
    expect((await owner.trpc.invitations.list()).invitations.map((i) => [i.email, i.role])).toEqual([[email, "admin"]]);

    await expect(other.trpc.invitations.revoke({ id: second.invitation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.trpc.invitations.revoke({ id: "not-an-id" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await owner.trpc.invitations.revoke({ id: second.invitation.id });
    await expect(owner.trpc.invitations.revoke({ id: second.invitation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const token = second.link.slice(INVITE_LINK.length);
    await expect(anonymous.invitations.signUp({ token, name: "Too late", password: "correct horse battery" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This invitation was withdrawn. Ask for a new one.",
    });
    expect((await owner.trpc.invitations.list()).invitations).toEqual([]);
    const log = await db.activityEntry.findMany({ where: { tenantId: owner.tenantId, targetType: "invitation" }, orderBy: { createdAt: "asc" } });
    expect(log.map((entry) => entry.action)).toEqual(["invitation.created", "invitation.created", "invitation.revoked"]);
  });

  it("may be sent, listed and revoked by owners and admins only", async () => {
    const owner = await createTestTenant(db);
    const admin = await memberWithRole(owner, "admin");
    const developer = await memberWithRole(owner, "developer");
    const viewer = await memberWithRole(owner, "viewer");
    const byAdmin = await admin.trpc.invitations.create({ email: newEmail(), role: "developer" });
    expect(byAdmin.invitation.invited_by).toBe(admin.user.email);
    for (const member of [developer, viewer]) {
      await expect(member.trpc.invitations.create({ email: newEmail(), role: "viewer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(member.trpc.invitations.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(member.trpc.invitations.revoke({ id: byAdmin.invitation.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(owner.trpc.invitations.create({ email: viewer.user.email, role: "admin" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(owner.trpc.invitations.create({ email: newEmail(), role: "owner" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.trpc.invitations.create({ email: "nope", role: "viewer" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("are accepted by the invited account when signed in, and by no other", async () => {
    const owner = await createTestTenant(db, "Inviting Org");
    const invitee = await createTestTenant(db, "Invitee's Own Org");
    const stranger = await createTestTenant(db);
    const { link } = await owner.trpc.invitations.create({ email: invitee.user.email, role: "developer" });
    const token = link.slice(INVITE_LINK.length);
    expect(await createCaller({ db, user: null }).invitations.preview({ token })).toMatchObject({ ok: true, hasAccount: true });
    await expect(createCaller({ db, user: null }).invitations.accept({ token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(stranger.trpc.invitations.accept({ token })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCaller({ db, user: null }).invitations.signUp({ token, name: "Impostor", password: "correct horse battery" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await invitee.trpc.invitations.accept({ token })).toMatchObject({ role: "developer", tenant: { name: "Inviting Org" } });
    expect((await listUserTenants({ db, userId: invitee.user.id })).map((t) => [t.name, t.role])).toEqual([
      ["Invitee's Own Org", "owner"],
      ["Inviting Org", "developer"],
    ]);
  });

  it("without email configured, return the link to share and say it was not sent", async () => {
    configureEmail(null);
    const owner = await createTestTenant(db);
    const email = newEmail();
    const created = await owner.trpc.invitations.create({ email, role: "viewer" });
    expect(created.emailed).toBe("not_configured");
    expect(created.link).toMatch(/^http:\/\/hookline\.test\/invitations\/hli_[A-Za-z0-9_-]{43}$/);
    expect((await owner.trpc.invitations.list()).emailConfigured).toBe(false);
    expect(smtp.emails.some((m) => m.to.includes(email))).toBe(false);
  });

  it("call a malformed or unknown link invalid, and limit how often one address may try links", async () => {
    configureAuthThrottle({ perAddress: 3, perAccount: 1000 });
    const preview = (token: string) => trpcGet({ procedure: "invitations.preview", input: { token }, headers: { "x-forwarded-for": "198.51.100.9" } });
    const first = await preview("hli_guess");
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body)).toContain('"reason":"invalid"');
    expect((await preview(`hli_${"A".repeat(43)}`)).status).toBe(200);
    expect((await preview(`hli_${"B".repeat(43)}`)).status).toBe(200);
    const refused = await preview(`hli_${"C".repeat(43)}`);
    expect(refused.status).toBe(429);
    expect(JSON.stringify(refused.body)).toContain("Too many attempts");
  });
});

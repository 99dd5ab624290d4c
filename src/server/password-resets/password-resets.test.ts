import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { linkIn, startSmtpCatcher, type SmtpCatcher } from "@/test/smtp-catcher";
import { sessionCookieFor, trpcGet, trpcPost } from "@/test/trpc-http";
import type { Db } from "@/server/db/client";
import { configureAuthThrottle } from "@/server/auth/auth-throttle";
import { configureEmail } from "@/server/email/mailer";
import { verifyCredentials } from "@/server/tenants/verify-credentials";
import { createCaller } from "@/server/trpc/root";
import { requestPasswordReset } from "./request-password-reset";
import { resetPassword } from "./reset-password";

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
  configureEmail({ smtpUrl: smtp.url, from: "hookline@example.test" });
  configureAuthThrottle({ perAddress: 1000, perAccount: 1000 });
});

const RESET_LINK = "http://hookline.test/reset-password/";
const OLD_PASSWORD = "correct horse battery";
const NEW_PASSWORD = "a brand new passphrase";

type TrpcBody = { result?: { data: { json: unknown } }; error?: { json: { message: string; data: { code: string } } } }[];

/** What the account's owner sees, through the route handler with their session cookie. */
async function me(cookie: string) {
  return trpcGet({ procedure: "account.me", input: undefined, headers: { cookie } });
}

async function resetLinkFor(email: string): Promise<string> {
  const response = await trpcPost({ procedures: ["passwordReset.request"], inputs: [{ email }] });
  expect(response.status).toBe(200);
  return linkIn(await smtp.waitForEmail((m) => m.to.includes(email)), RESET_LINK);
}

describe("password reset", () => {
  it("answers the same for an unknown email and a known one, and emails only the account", async () => {
    const { user } = await createTestTenant(db);
    const unknown = `nobody-${Date.now()}@example.test`;
    const forUnknown = await trpcPost({ procedures: ["passwordReset.request"], inputs: [{ email: unknown }] });
    const forKnown = await trpcPost({ procedures: ["passwordReset.request"], inputs: [{ email: user.email.toUpperCase() }] });
    expect(forUnknown.status).toBe(200);
    expect(forKnown.status).toBe(200);
    expect(forUnknown.body).toEqual(forKnown.body);
    expect((forKnown.body as TrpcBody)[0]!.result!.data.json).toEqual({ email_configured: true });

    const message = await smtp.waitForEmail((m) => m.to.includes(user.email));
    expect(message.subject).toBe("Reset your Hookline password");
    expect(linkIn(message, RESET_LINK)).toMatch(/^http:\/\/hookline\.test\/reset-password\/hlr_[A-Za-z0-9_-]{43}$/);
    expect(message.text).toContain("works once, for 60 minutes");
    // the known email's message arrived after the unknown one was asked for: nothing went to the unknown address
    expect(smtp.emails.some((m) => m.to.includes(unknown))).toBe(false);
    expect(await db.passwordReset.count({ where: { user: { email: unknown } } })).toBe(0);
  });

  it("sets the new password once through the link; the old password and the link stop working", async () => {
    const { user } = await createTestTenant(db);
    const token = (await resetLinkFor(user.email)).slice(RESET_LINK.length);
    const anonymous = createCaller({ db, user: null });
    await expect(anonymous.passwordReset.reset({ token, password: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await anonymous.passwordReset.reset({ token, password: NEW_PASSWORD })).toEqual({ email: user.email });
    expect(await verifyCredentials({ db, input: { email: user.email, password: NEW_PASSWORD } })).toMatchObject({ id: user.id, sessionVersion: 1 });
    expect(await verifyCredentials({ db, input: { email: user.email, password: OLD_PASSWORD } })).toBeNull();
    await expect(anonymous.passwordReset.reset({ token, password: "yet another passphrase" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(anonymous.passwordReset.reset({ token: "hlr_forged", password: "yet another passphrase" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await verifyCredentials({ db, input: { email: user.email, password: NEW_PASSWORD } })).not.toBeNull();
  });

  it("links expire after an hour, and a reset spends the account's other links", async () => {
    const { user } = await createTestTenant(db);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await (await requestPasswordReset({ db, input: { email: user.email }, now: twoHoursAgo })).emailSent;
    const stale = linkIn(smtp.emails.findLast((m) => m.to.includes(user.email))!, RESET_LINK).slice(RESET_LINK.length);
    await expect(resetPassword({ db, input: { token: stale, password: NEW_PASSWORD } })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await (await requestPasswordReset({ db, input: { email: user.email } })).emailSent;
    const first = linkIn(smtp.emails.findLast((m) => m.to.includes(user.email))!, RESET_LINK).slice(RESET_LINK.length);
    await (await requestPasswordReset({ db, input: { email: user.email } })).emailSent;
    const second = linkIn(smtp.emails.findLast((m) => m.to.includes(user.email))!, RESET_LINK).slice(RESET_LINK.length);
    expect(second).not.toBe(first);
    await resetPassword({ db, input: { token: second, password: NEW_PASSWORD } });
    await expect(resetPassword({ db, input: { token: first, password: "yet another passphrase" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("ends every session signed in before the reset; a sign-in after it works", async () => {
    const { user } = await createTestTenant(db);
    const before = await sessionCookieFor(user);
    expect((await me(before)).status).toBe(200);
    const token = (await resetLinkFor(user.email)).slice(RESET_LINK.length);
    await createCaller({ db, user: null }).passwordReset.reset({ token, password: NEW_PASSWORD });

    const refused = await me(before);
    expect(refused.status).toBe(401);
    expect((refused.body as TrpcBody[number]).error!.json.data.code).toBe("UNAUTHORIZED");
    // what next-auth's jwt callback writes when the new password signs in
    const signedIn = await verifyCredentials({ db, input: { email: user.email, password: NEW_PASSWORD } });
    const after = await encode({ token: { sub: user.id, email: user.email, name: user.name, sessionVersion: signedIn!.sessionVersion }, secret: process.env.NEXTAUTH_SECRET! });
    expect((await me(`next-auth.session-token=${after}`)).status).toBe(200);
  });

  it("is throttled like sign-in, per email, before anything is looked up", async () => {
    configureAuthThrottle({ perAddress: 1000, perAccount: 2 });
    const email = `throttled-${Date.now()}@example.test`;
    const request = () => trpcPost({ procedures: ["passwordReset.request"], inputs: [{ email }] });
    expect((await request()).status).toBe(200);
    expect((await request()).status).toBe(200);
    const refused = await request();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("says so when email is not configured, and sends nothing", async () => {
    configureEmail(null);
    const { user } = await createTestTenant(db);
    const response = await trpcPost({ procedures: ["passwordReset.request"], inputs: [{ email: user.email }] });
    expect((response.body as TrpcBody)[0]!.result!.data.json).toEqual({ email_configured: false });
    expect(await db.passwordReset.count({ where: { userId: user.id } })).toBe(0);
  });
});

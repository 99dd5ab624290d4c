/**
 * The portal link routes as the browser meets them: real Requests to the route handlers, a real database.
 * Opening a link once starts a session (a cookie fit for a cross-site iframe over HTTPS); every failure is
 * a small HTML page with the status that says why, never a crash.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import type { Db } from "@/server/db/client";
import type { Actor } from "@/server/access/caller";
import { PORTAL_SESSION_COOKIE } from "@/server/auth/portal-session-cookie";
import { mintPortalLink } from "@/server/portal-links/mint-portal-link";
import { openTenantPortal } from "@/server/portal-links/open-tenant-portal";
import { resolvePortalSession } from "@/server/portal-links/resolve-portal-session";
import { GET as openLink, HEAD as checkLink } from "./[token]/route";
import { POST as exitPortal } from "./exit/route";
import { GET as sessionEnded } from "./ended/route";

const current = vi.hoisted(() => ({ db: undefined as unknown }));
// the route handlers reach the database through getDb(): point it at this file's test database
vi.mock("@/server/db", () => ({ getDb: async () => current.db, closeDb: async () => {} }));

let database: TestDatabase;
let db: Db;
let tenantId: string;
const product: Actor = { kind: "platform_key", id: "00000000-0000-4000-8000-000000000001", label: "Product backend" };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  current.db = db;
  tenantId = (await createTestTenant(db, "Embedded Co")).tenantId;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

/** A fresh link's token, as the product hands it out (the last segment of its URL). */
async function mintToken(options: { capability?: "full" | "read"; now?: Date } = {}) {
  const link = await mintPortalLink({ db, tenantId, input: { capability: options.capability }, actor: product, publicUrl: "http://hookline.test", now: options.now });
  return new URL(link.url).pathname.split("/").pop()!;
}

async function open(token: string, { origin = "http://hookline.test", query = "" } = {}) {
  return openLink(new Request(`${origin}/portal/${token}${query}`), { params: Promise.resolve({ token }) });
}

function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${PORTAL_SESSION_COOKIE}=`));
  expect(cookie, "a portal session cookie").toBeDefined();
  return cookie!;
}

function cookieValue(setCookie: string): string {
  return setCookie.slice(PORTAL_SESSION_COOKIE.length + 1, setCookie.indexOf(";"));
}

async function expectNotice(response: Response, status: number, reason: string, words: RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.getSetCookie()).toEqual([]);
  const html = await response.text();
  expect(html).toContain(`data-reason="${reason}"`);
  expect(html).toMatch(words);
  expect(html).toMatch(/ask its team for a new link/);
}

describe("GET /portal/{token}", () => {
  it("opens a link once over HTTP: a Lax, HttpOnly session cookie and a 303 to the endpoints", async () => {
    const response = await open(await mintToken());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/endpoints");
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).toMatch(/; SameSite=lax/i);
    // browsers refuse SameSite=None and Secure cookies over plain HTTP
    expect(cookie).not.toMatch(/; Secure|; Partitioned|SameSite=none/i);
    const expires = new Date(cookie.match(/Expires=([^;]+)/i)![1]!).getTime();
    expect(Math.abs(expires - (Date.now() + 3600_000))).toBeLessThan(60_000);
    const session = await resolvePortalSession({ db, sessionToken: cookieValue(cookie) });
    expect(session).toMatchObject({ tenantId, origin: "link", capability: "full", tenantName: "Embedded Co" });
  });

  it("over HTTPS the cookie survives a cross-site iframe: SameSite=None, Secure, Partitioned", async () => {
    const cookie = sessionCookie(await open(await mintToken({ capability: "read" }), { origin: "https://hookline.example" }));
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=none/i);
    expect(cookie).toMatch(/; Partitioned/i);
    expect(await resolvePortalSession({ db, sessionToken: cookieValue(cookie) })).toMatchObject({ capability: "read" });
  });

  it("a used link is a 410 page, and the second opening starts no session", async () => {
    const token = await mintToken();
    expect((await open(token)).status).toBe(303);
    const sessions = () => db.portalSession.count({ where: { tenantId, sessionTokenHash: { not: null } } });
    const before = await sessions();
    await expectNotice(await open(token), 410, "used", /already used/);
    expect(await sessions()).toBe(before);
  });

  it("an expired link is a 410 page", async () => {
    const token = await mintToken({ now: new Date(Date.now() - 11 * 60_000) });
    await expectNotice(await open(token), 410, "expired", /has expired/);
  });

  it.each([
    ["a made-up token", `hlp_${"A".repeat(43)}`],
    ["a malformed token", "hlp_short"],
    ["a session token in place of a link", `hls_${"B".repeat(43)}`],
    ["plain garbage", "%3Cscript%3E"],
  ])("%s is a 401 page", async (_name, token) => {
    await expectNotice(await open(token), 401, "forged", /not valid/);
  });

  it("a tampered token is a 401 page, and leaves the real link working", async () => {
    const token = await mintToken();
    const last = token.at(-1) === "A" ? "B" : "A";
    await expectNotice(await open(`${token.slice(0, -1)}${last}`), 401, "forged", /not valid/);
    expect((await open(token)).status).toBe(303);
  });

  it("opens at a path of this site named by ?next=, and nowhere else", async () => {
    const landing = async (next: string) => (await open(await mintToken(), { query: `?next=${encodeURIComponent(next)}` })).headers.get("location");
    expect(await landing("/messages?status=failed#top")).toBe("/messages?status=failed#top");
    for (const elsewhere of ["//evil.example/x", "/\\evil.example", "/\t/evil.example", "https://evil.example/", "javascript:alert(1)", "messages"]) {
      expect(await landing(elsewhere), elsewhere).toBe("/endpoints");
    }
  });

  it("HEAD answers without spending the link", async () => {
    const token = await mintToken();
    expect(checkLink().status).toBe(200);
    expect((await open(token)).status).toBe(303);
  });
});

describe("POST /portal/exit", () => {
  function exit(sessionToken: string | undefined, origin = "http://hookline.test") {
    return exitPortal(new NextRequest(`${origin}/portal/exit`, { method: "POST", headers: sessionToken ? { cookie: `${PORTAL_SESSION_COOKIE}=${sessionToken}` } : {} }));
  }

  it("ends an operator's session, clears the cookie and returns to the console", async () => {
    const operator: Actor = { kind: "operator", id: "00000000-0000-4000-8000-000000000002", label: "ops@example.test" };
    const { sessionToken } = await openTenantPortal({ db, tenantId, operator });
    const response = await exit(sessionToken, "https://hookline.example");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/operator");
    const cleared = sessionCookie(response);
    expect(cookieValue(cleared)).toBe("");
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/i);
    expect(cleared).toMatch(/; Partitioned/i);
    expect(await resolvePortalSession({ db, sessionToken })).toBeNull();
  });

  it("ends a link session too, back to the start page; without a session it only clears the cookie", async () => {
    const sessionToken = cookieValue(sessionCookie(await open(await mintToken())));
    const response = await exit(sessionToken);
    expect(response.headers.get("location")).toBe("/");
    expect(await resolvePortalSession({ db, sessionToken })).toBeNull();
    const anonymous = await exit(undefined);
    expect(anonymous.status).toBe(303);
    expect(cookieValue(sessionCookie(anonymous))).toBe("");
  });
});

describe("GET /portal/ended", () => {
  it("says the session ended, as a 401 page", async () => {
    await expectNotice(sessionEnded(), 401, "ended", /session has ended/);
  });
});

import "server-only";
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { getDb } from "@/server/db";
import { env } from "@/server/env";

export type SessionUser = { id: string; email: string; name: string | null };

/** What the session cookie of a request is read from: a request's own cookies, or Next's request scope. */
export type CookieJar = { getAll(): { name: string; value: string }[]; get(name: string): { value: string } | undefined };

/**
 * The signed-in user of this request, from next-auth's session cookie (a JWT, verified and checked for
 * expiry) whose account still exists with the session version it was signed in under: a password reset
 * ends every older session, and so does deleting the account. Route handlers pass their request's
 * cookies; server components read Next's. Every server-side reader of the session comes through here.
 */
export async function getSessionUser(jar?: CookieJar): Promise<SessionUser | null> {
  const token = await getToken({
    // next-auth reads the (possibly chunked) session cookie through getAll()
    req: { cookies: jar ?? (await cookies()), headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: env().nextAuthSecret,
  });
  if (!token?.sub || !token.email) return null;
  const account = await (await getDb()).user.findUnique({ where: { id: token.sub }, select: { sessionVersion: true } });
  if (!account || account.sessionVersion !== (token.sessionVersion ?? 0)) return null;
  return { id: token.sub, email: token.email, name: token.name ?? null };
}

import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/server/db";
import { resolvePortalSession, type PortalSession } from "@/server/portal-links/resolve-portal-session";
import type { CookieJar } from "./session";

/** Holds a portal session's token (never the link's): HttpOnly, so page scripts cannot read it. */
export const PORTAL_SESSION_COOKIE = "hookline-portal";

/**
 * Cookie attributes for a portal session. Over HTTPS it must survive inside an iframe on the product's
 * own site, so it is SameSite=None; Secure, and Partitioned (CHIPS) so browsers that block third-party
 * cookies still keep it, in a jar of its own per embedding site. Over plain HTTP (local use) browsers
 * refuse SameSite=None, and Lax suffices: a page on another port of the same host is the same site.
 */
export function portalSessionCookieAttributes(requestUrl: string, expiresAt: Date) {
  const secure = new URL(requestUrl).protocol === "https:";
  return {
    httpOnly: true,
    path: "/",
    expires: expiresAt,
    ...(secure ? { secure: true, sameSite: "none" as const, partitioned: true } : { sameSite: "lax" as const }),
  };
}

/** The portal session this request carries, if any and still live. */
export async function currentPortalSession(jar?: CookieJar): Promise<PortalSession | null> {
  const token = (jar ?? (await cookies())).get(PORTAL_SESSION_COOKIE)?.value;
  if (!token) return null;
  return resolvePortalSession({ db: await getDb(), sessionToken: token });
}

import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { PORTAL_SESSION_COOKIE, portalSessionCookieAttributes } from "@/server/auth/portal-session-cookie";
import { redeemPortalLink } from "@/server/portal-links/redeem-portal-link";
import { portalNoticeResponse } from "../portal-notice";

const DEFAULT_LANDING = "/endpoints";

/** Where the portal opens: `?next=` when it is a path on this site (never another origin), else the endpoints. */
function landingPath(request: Request): string {
  const next = new URL(request.url).searchParams.get("next");
  if (!next?.startsWith("/")) return DEFAULT_LANDING;
  // the URL parser resolves what browsers would (`//host`, `/\host`, tabs and newlines) before the check
  const base = new URL(request.url);
  const resolved = new URL(next, base);
  return resolved.origin === base.origin ? `${resolved.pathname}${resolved.search}${resolved.hash}` : DEFAULT_LANDING;
}

// GET /portal/{token} — opens a portal link (once): starts a session scoped to its tenant and shows the portal
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const redeemed = await redeemPortalLink({ db: await getDb(), token });
  if (!redeemed.ok) return portalNoticeResponse(redeemed.reason);
  // relative, so the browser stays on the origin it used (the app may sit behind a proxy with another host)
  const response = new NextResponse(null, {
    status: 303,
    headers: { Location: landingPath(request), "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
  response.cookies.set(PORTAL_SESSION_COOKIE, redeemed.sessionToken, portalSessionCookieAttributes(request.url, redeemed.expiresAt));
  return response;
}

// HEAD /portal/{token} — answers without opening the link, so link checkers and previews cannot spend it
export function HEAD() {
  return new Response(null, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

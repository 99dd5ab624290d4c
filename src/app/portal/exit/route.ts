import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/server/db";
import { PORTAL_SESSION_COOKIE, portalSessionCookieAttributes } from "@/server/auth/portal-session-cookie";
import { endPortalSession } from "@/server/portal-links/end-portal-session";
import { resolvePortalSession } from "@/server/portal-links/resolve-portal-session";

// POST /portal/exit — ends this browser's portal session (an operator leaving a tenant's portal) and goes back
export async function POST(request: NextRequest) {
  const sessionToken = request.cookies.get(PORTAL_SESSION_COOKIE)?.value;
  const db = await getDb();
  const session = sessionToken ? await resolvePortalSession({ db, sessionToken }) : null;
  if (sessionToken) await endPortalSession({ db, sessionToken });
  // an operator returns to the console; anyone else to whatever their own sign-in shows
  const response = new NextResponse(null, { status: 303, headers: { Location: session?.origin === "operator" ? "/operator" : "/" } });
  // the same attributes as when it was set: a Partitioned cookie is only replaced by a Partitioned one
  response.cookies.set(PORTAL_SESSION_COOKIE, "", portalSessionCookieAttributes(request.url, new Date(0)));
  return response;
}

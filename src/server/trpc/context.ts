import "server-only";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/session";
import { currentPortalSession } from "@/server/auth/portal-session-cookie";
import { clientAddress } from "@/lib/client-address";
import type { TrpcContext } from "./init";

export const ACTIVE_TENANT_COOKIE = "hookline-tenant";

/** The caller of an HTTP request (from its own headers), or of a server component (from Next's request scope). */
export async function createTrpcContext(request?: Request, responseHeaders?: Headers): Promise<TrpcContext> {
  // from the headers only: wrapping the request itself would take its body away from tRPC
  const jar = request ? new NextRequest(request.url, { headers: request.headers }).cookies : await cookies();
  const [db, user, portalSession] = await Promise.all([getDb(), getSessionUser(jar), currentPortalSession(jar)]);
  return {
    db,
    user,
    portalSession,
    preferredTenantSlug: jar.get(ACTIVE_TENANT_COOKIE)?.value,
    responseHeaders,
    clientAddress: request ? clientAddress(request.headers) : null,
  };
}

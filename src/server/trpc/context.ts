import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/session";
import { currentPortalSession } from "@/server/auth/portal-session-cookie";
import type { TrpcContext } from "./init";

export const ACTIVE_TENANT_COOKIE = "hookline-tenant";

export async function createTrpcContext(): Promise<TrpcContext> {
  const [db, user, portalSession, cookieStore] = await Promise.all([getDb(), getSessionUser(), currentPortalSession(), cookies()]);
  return { db, user, portalSession, preferredTenantSlug: cookieStore.get(ACTIVE_TENANT_COOKIE)?.value };
}

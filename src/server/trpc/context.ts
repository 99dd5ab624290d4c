import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/server/db";
import { getSessionUser } from "@/server/auth/session";
import type { TrpcContext } from "./init";

export const ACTIVE_TENANT_COOKIE = "hookline-tenant";

export async function createTrpcContext(): Promise<TrpcContext> {
  const [db, user, cookieStore] = await Promise.all([getDb(), getSessionUser(), cookies()]);
  return { db, user, preferredTenantSlug: cookieStore.get(ACTIVE_TENANT_COOKIE)?.value };
}

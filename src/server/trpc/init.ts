import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Actor, TenantCaller } from "@/server/access/caller";
import { assertPermitted, permissions, portalSessionRole, type Permission } from "@/server/access/permissions";
import type { SessionUser } from "@/server/auth/session";
import { env } from "@/server/env";
import { isOperator } from "@/server/operators/is-operator";
import type { PortalSession } from "@/server/portal-links/resolve-portal-session";
import { resolveActiveTenant } from "@/server/tenants/resolve-active-tenant";

export type TrpcContext = {
  db: Db;
  user: SessionUser | null;
  /** a tenant-scoped session from a portal link or an operator's "open portal"; it takes precedence over `user` */
  portalSession?: PortalSession | null;
  /** slug of the tenant the portal has selected (cookie); membership is verified per call */
  preferredTenantSlug?: string;
  /** the HTTP response's headers, for the procedures that set a cookie; absent for in-process callers */
  responseHeaders?: Headers;
  /** where an HTTP request came from (sign-up throttling); null for in-process callers */
  clientAddress?: string | null;
};

const trpcCodeOf: Record<AppError["code"], TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  QUOTA_EXCEEDED: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

/**
 * What every procedure declares in its `meta`: the tenant permission it needs (checked against the caller's
 * role), or, for procedures acting on no tenant, who may call it at all.
 */
export type ProcedureAccess = Permission | "public" | "signed-in" | "operator";
export type ProcedureMeta = { access: ProcedureAccess };

export function isTenantPermission(access: ProcedureAccess): access is Permission {
  return access in permissions;
}

const t = initTRPC.context<TrpcContext>().meta<ProcedureMeta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    return {
      ...shape,
      // unknown failures stay opaque to the browser; the server log has the details
      message: internal ? "Something went wrong on our side" : shape.message,
      data: { ...shape.data, stack: undefined, zodError },
    };
  },
});

/** Domain errors become tRPC errors with the matching code, once, here. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeOf[cause.code], message: cause.message, cause });
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") console.error("[trpc]", result.error.cause ?? result.error);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapDomainErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A caller acting on one tenant: a portal session (scoped to its tenant) or a signed-in member of the
 * active tenant. `ctx.tenantId` scopes every query below it; `ctx.caller` says who acts (activity log) and
 * with which role, which must grant the permission the procedure declares in its meta.
 */
export const tenantProcedure = publicProcedure.use(async ({ ctx, meta, next }) => {
  let caller: TenantCaller;
  if (ctx.portalSession) {
    const session = ctx.portalSession;
    caller = { tenantId: session.tenantId, actor: session.actor, role: portalSessionRole(session) };
  } else {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
    const { active } = await resolveActiveTenant({ db: ctx.db, userId: ctx.user.id, preferredSlug: ctx.preferredTenantSlug });
    caller = { tenantId: active.id, actor: { kind: "user", id: ctx.user.id, label: ctx.user.email }, role: active.role };
  }
  // a tenant procedure without a declared permission is a programming error: refuse rather than allow
  if (!meta || !isTenantPermission(meta.access)) throw new Error("This tenant procedure declares no permission");
  assertPermitted(caller, meta.access);
  return next({ ctx: { ...ctx, tenantId: caller.tenantId, caller } });
});

/** The product team: an operator acting on the whole install, never through a portal session. */
export const operatorProcedure = protectedProcedure.meta({ access: "operator" }).use(async ({ ctx, next }) => {
  if (!(await isOperator({ db: ctx.db, userId: ctx.user.id, operatorEmails: env().operatorEmails }))) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only operators can do this" });
  }
  const operator: Actor = { kind: "operator", id: ctx.user.id, label: ctx.user.email };
  return next({ ctx: { ...ctx, operator } });
});

import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/auth/session";
import { resolveActiveTenant } from "@/server/tenants/resolve-active-tenant";

export type TrpcContext = {
  db: Db;
  user: SessionUser | null;
  /** slug of the tenant the portal has selected (cookie); membership is verified per call */
  preferredTenantSlug?: string;
};

const trpcCodeOf: Record<AppError["code"], TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

const t = initTRPC.context<TrpcContext>().create({
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

/** A signed-in member of the active tenant; `ctx.tenantId` scopes every query below it. */
export const tenantProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const { active } = await resolveActiveTenant({ db: ctx.db, userId: ctx.user.id, preferredSlug: ctx.preferredTenantSlug });
  return next({ ctx: { ...ctx, tenantId: active.id, tenant: active } });
});

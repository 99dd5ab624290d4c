import { signUpInput } from "@/server/tenants/schemas";
import { signUp } from "@/server/tenants/sign-up";
import { consumeAuthAttempt } from "@/server/auth/auth-throttle";
import { resolveActiveTenant } from "@/server/tenants/resolve-active-tenant";
import { portalSessionRole } from "@/server/access/permissions";
import { env } from "@/server/env";
import { isOperator } from "@/server/operators/is-operator";
import { publicProcedure, router, tenantProcedure } from "../init";

export const accountRouter = router({
  /**
   * The same answer whether the email was free or taken (the client then signs in, which only the
   * account's own password can do); the input is validated and the attempt throttled before any hash.
   */
  signUp: publicProcedure.meta({ access: "public" }).input(signUpInput).mutation(async ({ ctx, input }) => {
    await consumeAuthAttempt({ db: ctx.db, attempt: { clientAddress: ctx.clientAddress ?? null, email: input.email } });
    const { email } = await signUp({ db: ctx.db, input });
    return { email };
  }),
  /**
   * Who the portal is showing: a portal session (one tenant, no user; `portal` says how it was opened
   * and what it may do) or a signed-in user with their tenants.
   */
  me: tenantProcedure.meta({ access: "tenant:read" }).query(async ({ ctx }) => {
    const session = ctx.portalSession;
    if (session) {
      const activeTenant = { id: session.tenantId, slug: session.tenantSlug, name: session.tenantName, role: portalSessionRole(session) };
      return {
        user: null,
        activeTenant,
        tenants: [activeTenant],
        isOperator: false,
        portal: { origin: session.origin, capability: session.capability, expiresAt: session.expiresAt, openedBy: session.actor.label },
      };
    }
    const user = ctx.user!;
    const { active, tenants } = await resolveActiveTenant({ db: ctx.db, userId: user.id, preferredSlug: ctx.preferredTenantSlug });
    const operator = await isOperator({ db: ctx.db, userId: user.id, operatorEmails: env().operatorEmails });
    return { user, activeTenant: active, tenants, isOperator: operator, portal: null };
  }),
});

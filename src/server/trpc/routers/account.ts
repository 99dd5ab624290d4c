import { signUpInput } from "@/server/tenants/schemas";
import { signUp } from "@/server/tenants/sign-up";
import { resolveActiveTenant } from "@/server/tenants/resolve-active-tenant";
import { protectedProcedure, publicProcedure, router } from "../init";

export const accountRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const { tenant, email } = await signUp({ db: ctx.db, input });
    return { email, tenant };
  }),
  me: protectedProcedure.query(async ({ ctx }) => {
    const { active, tenants } = await resolveActiveTenant({
      db: ctx.db,
      userId: ctx.user.id,
      preferredSlug: ctx.preferredTenantSlug,
    });
    return { user: ctx.user, activeTenant: active, tenants };
  }),
});

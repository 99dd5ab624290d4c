import { z } from "zod";
import { consumeLinkAttempt } from "@/server/auth/auth-throttle";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { createInvitation } from "@/server/invitations/create-invitation";
import { listInvitations } from "@/server/invitations/list-invitations";
import { previewInvitation } from "@/server/invitations/preview-invitation";
import { revokeInvitation } from "@/server/invitations/revoke-invitation";
import { acceptInvitationInput, createInvitationInput, invitationTokenSchema, signUpWithInvitationInput } from "@/server/invitations/schemas";
import { protectedProcedure, publicProcedure, router, tenantProcedure } from "../init";

export const invitationsRouter = router({
  list: tenantProcedure.meta({ access: "members:manage" }).query(({ ctx }) => listInvitations({ db: ctx.db, caller: ctx.caller })),
  /** the response is the only time the link is shown */
  create: tenantProcedure
    .meta({ access: "members:manage" })
    .input(createInvitationInput)
    .mutation(({ ctx, input }) => createInvitation({ db: ctx.db, caller: ctx.caller, input })),
  revoke: tenantProcedure
    .meta({ access: "members:manage" })
    .input(z.strictObject({ id: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => revokeInvitation({ db: ctx.db, caller: ctx.caller, invitationId: input.id })),
  /** what the link's page shows anyone holding it; each look counts against the visitor's address */
  preview: publicProcedure.meta({ access: "public" }).input(z.strictObject({ token: invitationTokenSchema })).query(async ({ ctx, input }) => {
    await consumeLinkAttempt({ db: ctx.db, clientAddress: ctx.clientAddress ?? null });
    return previewInvitation({ db: ctx.db, token: input.token });
  }),
  /** the signed-in invitee joins */
  accept: protectedProcedure.meta({ access: "signed-in" }).input(acceptInvitationInput).mutation(async ({ ctx, input }) => {
    await consumeLinkAttempt({ db: ctx.db, clientAddress: ctx.clientAddress ?? null });
    const { tenant, role } = await acceptInvitation({ db: ctx.db, token: input.token, as: { userId: ctx.user.id } });
    return { tenant, role };
  }),
  /** an invitee without an account signs up with the invited email, then signs in */
  signUp: publicProcedure.meta({ access: "public" }).input(signUpWithInvitationInput).mutation(async ({ ctx, input }) => {
    await consumeLinkAttempt({ db: ctx.db, clientAddress: ctx.clientAddress ?? null });
    const { email, tenant, role } = await acceptInvitation({ db: ctx.db, token: input.token, as: { newAccount: { name: input.name, password: input.password } } });
    return { email, tenant, role };
  }),
});

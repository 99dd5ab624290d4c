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
  list: tenantProcedure.query(({ ctx }) => listInvitations({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor })),
  /** the response is the only time the link is shown */
  create: tenantProcedure
    .input(createInvitationInput)
    .mutation(({ ctx, input }) => createInvitation({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, input })),
  revoke: tenantProcedure
    .input(z.strictObject({ id: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => revokeInvitation({ db: ctx.db, tenantId: ctx.tenantId, actor: ctx.caller.actor, invitationId: input.id })),
  /** what the link's page shows anyone holding it; each look counts against the visitor's address */
  preview: publicProcedure.input(z.strictObject({ token: invitationTokenSchema })).query(async ({ ctx, input }) => {
    await consumeLinkAttempt({ db: ctx.db, clientAddress: ctx.clientAddress ?? null });
    return previewInvitation({ db: ctx.db, token: input.token });
  }),
  /** the signed-in invitee joins */
  accept: protectedProcedure.input(acceptInvitationInput).mutation(async ({ ctx, input }) => {
    await consumeLinkAttempt({ db: ctx.db, clientAddress: ctx.clientAddress ?? null });
    const { tenant, role } = await acceptInvitation({ db: ctx.db, token: input.token, as: { userId: ctx.user.id } });
    return { tenant, role };
  }),
  /** an invitee without an account signs up with the invited email, then signs in */
  signUp: publicProcedure.input(signUpWithInvitationInput).mutation(async ({ ctx, input }) => {
    await consumeLinkAttempt({ db: ctx.db, clientAddress: ctx.clientAddress ?? null });
    const { email, tenant, role } = await acceptInvitation({ db: ctx.db, token: input.token, as: { newAccount: { name: input.name, password: input.password } } });
    return { email, tenant, role };
  }),
});

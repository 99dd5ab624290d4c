import { consumeAuthAttempt, consumeLinkAttempt } from "@/server/auth/auth-throttle";
import { requestPasswordReset } from "@/server/password-resets/request-password-reset";
import { resetPassword } from "@/server/password-resets/reset-password";
import { requestPasswordResetInput, resetPasswordInput } from "@/server/password-resets/schemas";
import { publicProcedure, router } from "../init";

export const passwordResetRouter = router({
  /** the same answer whether or not the email has an account; counted like a sign-in attempt */
  request: publicProcedure.meta({ access: "public" }).input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await consumeAuthAttempt({ db: ctx.db, attempt: { clientAddress: ctx.clientAddress ?? null, email: input.email } });
    const { emailConfigured } = await requestPasswordReset({ db: ctx.db, input });
    return { email_configured: emailConfigured };
  }),
  /** sets the new password and ends every session of the account; the visitor then signs in */
  reset: publicProcedure.meta({ access: "public" }).input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await consumeLinkAttempt({ db: ctx.db, clientAddress: ctx.clientAddress ?? null });
    return resetPassword({ db: ctx.db, input });
  }),
});

import { hashLinkToken, newLinkToken } from "@/server/crypto/link-token";
import type { Db } from "@/server/db/client";
import { emailConfigured, sendEmail } from "@/server/email/mailer";
import { passwordResetEmail } from "@/server/email/templates";
import { env } from "@/server/env";
import { PASSWORD_RESET_TOKEN_PREFIX, PASSWORD_RESET_VALID_MINUTES, requestPasswordResetInput, type RequestPasswordResetInput } from "./schemas";

export type PasswordResetRequested = {
  /** the same whatever the email: without email configured no link can reach anyone, and the page says so */
  emailConfigured: boolean;
  /** settles once the email went out (or at once when there was none to send), for tests and scripts */
  emailSent: Promise<unknown>;
};

/**
 * Emails a single-use reset link to the account with this email, if there is one. The caller's answer is
 * the same either way, and the email goes out after the answer (its SMTP round trip would otherwise tell
 * an existing account from a missing one). Without email configured nothing is stored.
 */
export async function requestPasswordReset({ db, input, now = new Date() }: { db: Db; input: RequestPasswordResetInput; now?: Date }): Promise<PasswordResetRequested> {
  const { email } = requestPasswordResetInput.parse(input);
  if (!emailConfigured()) return { emailConfigured: false, emailSent: Promise.resolve() };
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return { emailConfigured: true, emailSent: Promise.resolve() };
  const token = newLinkToken(PASSWORD_RESET_TOKEN_PREFIX);
  await db.passwordReset.create({
    data: { userId: user.id, tokenHash: hashLinkToken(token), expiresAt: new Date(now.getTime() + PASSWORD_RESET_VALID_MINUTES * 60_000), createdAt: now },
  });
  const link = `${env().publicUrl}/reset-password/${token}`;
  return { emailConfigured: true, emailSent: sendEmail(passwordResetEmail({ to: email, link, validMinutes: PASSWORD_RESET_VALID_MINUTES })) };
}

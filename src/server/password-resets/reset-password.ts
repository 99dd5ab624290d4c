import { hashPassword } from "@/server/auth/password";
import { hashLinkToken, looksLikeLinkToken } from "@/server/crypto/link-token";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { PASSWORD_RESET_REFUSED, PASSWORD_RESET_TOKEN_PREFIX, resetPasswordInput, type ResetPasswordInput } from "./schemas";

/**
 * Sets a new password through a reset link and ends every session of the account (its session version
 * moves on, and sessions carrying an older one are refused). The link is spent by one conditional UPDATE
 * in the same transaction as the password, and the account's other reset links are spent with it.
 */
export async function resetPassword({ db, input, now = new Date() }: { db: Db; input: ResetPasswordInput; now?: Date }): Promise<{ email: string }> {
  const { token, password } = resetPasswordInput.parse(input);
  if (!looksLikeLinkToken(PASSWORD_RESET_TOKEN_PREFIX, token)) throw new AppError("NOT_FOUND", PASSWORD_RESET_REFUSED);
  const tokenHash = hashLinkToken(token);
  const reset = await db.passwordReset.findUnique({ where: { tokenHash }, select: { userId: true, usedAt: true, expiresAt: true } });
  if (!reset || reset.usedAt || reset.expiresAt <= now) throw new AppError("NOT_FOUND", PASSWORD_RESET_REFUSED);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count === 0) throw new AppError("NOT_FOUND", PASSWORD_RESET_REFUSED);
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    const user = await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true },
    });
    return { email: user.email };
  });
}

import type { Db } from "@/server/db/client";

/**
 * Operators are flagged users (`npm run operator`) or users whose email the install names in
 * HOOKLINE_OPERATOR_EMAILS. Checked on every call, so removing either takes effect at once.
 */
export async function isOperator({ db, userId, operatorEmails }: { db: Db; userId: string; operatorEmails: readonly string[] }): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { isOperator: true, email: true } });
  if (!user) return false;
  return user.isOperator || operatorEmails.includes(user.email.toLowerCase());
}

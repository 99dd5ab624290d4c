import type { Db } from "@/server/db/client";
import { verifyNobodysPassword, verifyPassword } from "@/server/auth/password";
import { signInInput, type SignInInput } from "./schemas";

/**
 * Returns the user when the email and password match, null otherwise — never says which was wrong, and
 * spends the same argon2 verification on an unknown email, so neither the answer nor its time tells. A match
 * is the user's last sign-in (the members page shows it).
 */
export async function verifyCredentials({ db, input }: { db: Db; input: SignInInput }) {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user) return verifyNobodysPassword(parsed.data.password).then(() => null);
  if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

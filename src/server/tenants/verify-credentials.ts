import type { Db } from "@/server/db/client";
import { verifyPassword } from "@/server/auth/password";
import { signInInput, type SignInInput } from "./schemas";

/** Returns the user when the email and password match, null otherwise (never says which was wrong). */
export async function verifyCredentials({ db, input }: { db: Db; input: SignInInput }) {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email } });
  if (!user || !(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

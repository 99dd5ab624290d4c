import type { Db } from "@/server/db/client";
import { verifyPassword } from "@/server/auth/password";
import { DEMO_CREDENTIALS } from "./seed-demo-tenant";

/** The demo operator's email while that account still signs in with the password printed in the README, else null. */
export async function findDemoPasswordAccount({ db }: { db: Db }): Promise<string | null> {
  const demo = await db.user.findUnique({ where: { email: DEMO_CREDENTIALS.email }, select: { passwordHash: true } });
  return demo && (await verifyPassword(demo.passwordHash, DEMO_CREDENTIALS.password)) ? DEMO_CREDENTIALS.email : null;
}

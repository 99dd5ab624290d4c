import type { Db } from "@/server/db/client";
import { verifyPassword } from "@/server/auth/password";
import { DEMO_CREDENTIALS } from "./seed-demo-tenant";

export class DemoPasswordInProductionError extends Error {
  constructor(email: string) {
    super(
      [
        `Hookline refuses to start: the account ${email} still has the published demo password "${DEMO_CREDENTIALS.password}",`,
        "and it is an operator. On a PostgreSQL install that is anyone's way in. Either delete that account",
        `(psql: DELETE FROM users WHERE email = '${email}';) or, if this install is a demo on purpose, start`,
        "it with HOOKLINE_SEED_DEMO=1.",
      ].join("\n"),
    );
    this.name = "DemoPasswordInProductionError";
  }
}

/** The demo operator's email while that account still signs in with the password printed in the README, else null. */
export async function findDemoPasswordAccount({ db }: { db: Db }): Promise<string | null> {
  const demo = await db.user.findUnique({ where: { email: DEMO_CREDENTIALS.email }, select: { passwordHash: true } });
  return demo && (await verifyPassword(demo.passwordHash, DEMO_CREDENTIALS.password)) ? DEMO_CREDENTIALS.email : null;
}

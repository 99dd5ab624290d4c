import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";

export const DEMO_CREDENTIALS = {
  email: "demo@hookline.dev",
  password: "hookline-demo",
  tenantSlug: "demo",
} as const;

/** The demo tenant and user a fresh embedded install starts with; safe to run on every start. */
export async function seedDemoTenant({ db }: { db: Db }) {
  const existing = await db.tenant.findUnique({ where: { slug: DEMO_CREDENTIALS.tenantSlug } });
  if (existing) return { tenant: existing, created: false };
  const passwordHash = await hashPassword(DEMO_CREDENTIALS.password);
  const tenant = await db.tenant.create({
    data: {
      slug: DEMO_CREDENTIALS.tenantSlug,
      name: "Demo Inc.",
      memberships: {
        create: {
          role: "owner",
          user: {
            connectOrCreate: {
              where: { email: DEMO_CREDENTIALS.email },
              create: { email: DEMO_CREDENTIALS.email, name: "Demo User", passwordHash },
            },
          },
        },
      },
    },
  });
  return { tenant, created: true };
}

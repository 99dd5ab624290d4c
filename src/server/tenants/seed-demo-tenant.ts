import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";

export const DEMO_CREDENTIALS = {
  email: "demo@hookline.dev",
  password: "hookline-demo",
  tenantSlug: "demo",
} as const;

/** A second customer of the demo product, so the operator console shows more than one tenant. */
export const SECOND_DEMO_TENANT = { slug: "globex", name: "Globex Corporation", externalId: "cus_globex" } as const;

/**
 * The demo tenant and its user, who is also the install's operator (the product team), plus a second
 * tenant with no members: a fresh embedded install starts with them. Safe to run on every start.
 */
export async function seedDemoTenant({ db }: { db: Db }) {
  const existing = await db.tenant.findUnique({ where: { slug: DEMO_CREDENTIALS.tenantSlug } });
  const tenant =
    existing ??
    (await db.tenant.create({
      data: {
        slug: DEMO_CREDENTIALS.tenantSlug,
        name: "Demo Inc.",
        externalId: "cus_demo",
        memberships: {
          create: {
            role: "owner",
            user: {
              connectOrCreate: {
                where: { email: DEMO_CREDENTIALS.email },
                create: { email: DEMO_CREDENTIALS.email, name: "Demo User", passwordHash: await hashPassword(DEMO_CREDENTIALS.password) },
              },
            },
          },
        },
      },
    }));
  await db.user.updateMany({ where: { email: DEMO_CREDENTIALS.email }, data: { isOperator: true } });
  const secondTenant = await db.tenant.upsert({
    where: { slug: SECOND_DEMO_TENANT.slug },
    update: {},
    create: SECOND_DEMO_TENANT,
  });
  return { tenant, secondTenant, created: !existing };
}

import { randomBytes } from "node:crypto";
import type { MembershipRole } from "@/generated/prisma/enums";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { signUp } from "@/server/tenants/sign-up";
import { createCaller } from "@/server/trpc/root";

/** A fresh tenant with its owner, so every test works on data of its own (documenso's seedUser). */
export async function createTestTenant(db: Db, organization = "Test Org") {
  const email = `owner-${randomBytes(5).toString("hex")}@example.test`;
  const signedUp = await signUp({
    db,
    input: { name: "Test Owner", email, password: "correct horse battery", organization },
  });
  if (!signedUp.created) throw new Error(`${email} was taken`);
  const { userId, tenant } = signedUp;
  const user = { id: userId, email, name: "Test Owner" };
  return { tenant, tenantId: tenant.id, user, trpc: createCaller({ db, user }) };
}

/** Another person with a role in an existing tenant, and their portal caller. */
export async function addTestMember(db: Db, tenantId: string, role: MembershipRole) {
  const email = `${role}-${randomBytes(5).toString("hex")}@example.test`;
  const row = await db.user.create({
    data: { email, name: `Test ${role}`, passwordHash: await hashPassword("correct horse battery"), memberships: { create: { tenantId, role } } },
  });
  const user = { id: row.id, email, name: row.name };
  return { user, trpc: createCaller({ db, user }) };
}

import { randomBytes } from "node:crypto";
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

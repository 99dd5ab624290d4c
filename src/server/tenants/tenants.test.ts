import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/test-database";
import { createTestTenant } from "@/test/fixtures";
import { createCaller } from "@/server/trpc/root";
import { signUp } from "./sign-up";
import { verifyCredentials } from "./verify-credentials";
import { seedDemoTenant, DEMO_CREDENTIALS } from "./seed-demo-tenant";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("accounts and tenants", () => {
  it("sign-up creates a user who owns a new tenant, with an argon2 password hash", async () => {
    const db = database.prisma;
    const signedUp = await signUp({
      db,
      input: { name: "Grace", email: "Grace@Example.test ", password: "correct horse battery", organization: "Navy Labs" },
    });
    if (!signedUp.created) throw new Error("the email was free");
    const { tenant, userId } = signedUp;
    expect(tenant.name).toBe("Navy Labs");
    expect(tenant.slug).toMatch(/^navy-labs-[0-9a-f]{6}$/);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.email).toBe("grace@example.test");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyCredentials({ db, input: { email: "grace@example.test", password: "correct horse battery" } })).toMatchObject({ id: userId });
    expect(await verifyCredentials({ db, input: { email: "grace@example.test", password: "wrong" } })).toBeNull();
  });

  it("creates no second account with the same email, and leaves the first one's password alone", async () => {
    const input = { name: "A", email: "dup@example.test", password: "correct horse battery", organization: "Org A" };
    await signUp({ db: database.prisma, input });
    expect(await signUp({ db: database.prisma, input: { ...input, password: "another password" } })).toEqual({ created: false, email: "dup@example.test" });
    expect(await database.prisma.user.count({ where: { email: "dup@example.test" } })).toBe(1);
    expect(await verifyCredentials({ db: database.prisma, input: { email: "dup@example.test", password: "another password" } })).toBeNull();
  });

  it("tenant procedures require a signed-in member and act on that member's tenant only", async () => {
    const db = database.prisma;
    const alice = await createTestTenant(db, "Alice Co");
    const bob = await createTestTenant(db, "Bob Co");
    expect((await alice.trpc.account.me()).activeTenant.id).toBe(alice.tenantId);
    // a tenant the user is not a member of is ignored, not granted
    const sneaky = createCaller({ db, user: bob.user, preferredTenantSlug: alice.tenant.slug });
    expect((await sneaky.account.me()).activeTenant.id).toBe(bob.tenantId);
    await expect(createCaller({ db, user: null }).account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("bad sign-up input is rejected by the same schema the form uses", async () => {
    const anonymous = createCaller({ db: database.prisma, user: null });
    await expect(
      anonymous.account.signUp({ name: "", email: "nope", password: "short", organization: "x" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("seeds the demo tenant once", async () => {
    const first = await seedDemoTenant({ db: database.prisma });
    const second = await seedDemoTenant({ db: database.prisma });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(await verifyCredentials({ db: database.prisma, input: DEMO_CREDENTIALS })).not.toBeNull();
  });
});

import type { Db } from "@/server/db/client";
import { hashPassword } from "@/server/auth/password";
import { signUpInput, tenantDto, type SignUpInput, type TenantDto } from "./schemas";
import { Prisma } from "@/generated/prisma/client";
import { newTenantSlug } from "./tenant-slug";

export type SignUpOutcome =
  | { created: true; userId: string; email: string; tenant: TenantDto }
  | { created: false; email: string };

/**
 * Creates a user, their own tenant, and the owner membership that joins them. The cheap checks come
 * first (input, then whether the email is taken) and the argon2 hash last; a taken email still spends
 * one hash, so both outcomes take about as long. Callers show both outcomes alike (docs/security.md).
 */
export async function signUp({ db, input }: { db: Db; input: SignUpInput }): Promise<SignUpOutcome> {
  const data = signUpInput.parse(input);
  const taken = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  const passwordHash = await hashPassword(data.password);
  if (taken) return { created: false, email: data.email };
  try {
    const user = await db.user.create({
      data: {
        email: data.email,
        name: data.name,
        passwordHash,
        memberships: { create: { role: "owner", tenant: { create: { name: data.organization, slug: newTenantSlug(data.organization) } } } },
      },
      include: { memberships: { include: { tenant: true } } },
    });
    return { created: true, userId: user.id, email: user.email, tenant: tenantDto.parse(user.memberships[0]!.tenant) };
  } catch (error) {
    // the same email signed up concurrently
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { created: false, email: data.email };
    throw error;
  }
}

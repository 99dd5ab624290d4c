import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { hashPassword } from "@/server/auth/password";
import { signUpInput, tenantDto, type SignUpInput } from "./schemas";
import { Prisma } from "@/generated/prisma/client";
import { newTenantSlug } from "./tenant-slug";

/** Creates a user, their own tenant, and the owner membership that joins them. */
export async function signUp({ db, input }: { db: Db; input: SignUpInput }) {
  const data = signUpInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  const slug = newTenantSlug(data.organization);
  try {
    const user = await db.user.create({
      data: {
        email: data.email,
        name: data.name,
        passwordHash,
        memberships: { create: { role: "owner", tenant: { create: { name: data.organization, slug } } } },
      },
      include: { memberships: { include: { tenant: true } } },
    });
    return { userId: user.id, email: user.email, tenant: tenantDto.parse(user.memberships[0]!.tenant) };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "An account with this email already exists");
    }
    throw error;
  }
}

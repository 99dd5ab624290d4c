import type { Prisma } from "@/generated/prisma/client";
import type { TenantRole } from "@/server/access/permissions";
import { AppError, notFound } from "@/server/errors";

type Tx = Prisma.TransactionClient;

/**
 * The tenant's memberships inside a transaction that holds the tenant's row lock, so two changes that
 * would each leave one owner (two owners demoting each other at once) run one after the other.
 */
export async function lockMemberships(tx: Tx, tenantId: string) {
  await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`;
  return tx.membership.findMany({ where: { tenantId }, include: { user: { select: { email: true } } } });
}

export type LockedMembership = Awaited<ReturnType<typeof lockMemberships>>[number];

export function memberOf(memberships: LockedMembership[], userId: string): LockedMembership {
  const member = memberships.find((m) => m.userId === userId);
  if (!member) throw notFound("Member");
  return member;
}

/** Refuses a change that would leave the tenant without an owner: nobody could then manage or delete it. */
export function keepAnOwner(memberships: LockedMembership[], userId: string, nextRole: TenantRole | null): void {
  const otherOwners = memberships.filter((m) => m.role === "owner" && m.userId !== userId).length;
  const member = memberships.find((m) => m.userId === userId);
  if (member?.role === "owner" && nextRole !== "owner" && otherOwners === 0) {
    throw new AppError("CONFLICT", "A tenant keeps at least one owner: make another member an owner first");
  }
}

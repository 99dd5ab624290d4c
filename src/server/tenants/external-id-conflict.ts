import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

/** Runs a write that sets an external id; the unique index refusing it becomes a CONFLICT that names it. */
export async function conflictOnDuplicateExternalId<T>(externalId: string | null | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (externalId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A tenant with external id "${externalId}" already exists`, {
        issues: [{ path: "external_id", message: "already used by another tenant" }],
      });
    }
    throw error;
  }
}

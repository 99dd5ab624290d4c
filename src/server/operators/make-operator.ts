import type { Db } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { emailSchema } from "@/server/tenants/schemas";

/** Flags an existing user as an operator, or removes the flag; the only way besides HOOKLINE_OPERATOR_EMAILS. */
export async function makeOperator({ db, email, operator = true }: { db: Db; email: string; operator?: boolean }) {
  const address = emailSchema.parse(email);
  const { count } = await db.user.updateMany({ where: { email: address }, data: { isOperator: operator } });
  if (count === 0) throw notFound(`User ${address}`);
  return { email: address, operator };
}

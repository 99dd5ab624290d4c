import "server-only";
import { redirect } from "next/navigation";
import { roleMay, type Permission } from "@/server/access/permissions";
import { serverTrpc } from "@/trpc/server";

/** Sends a caller whose role lacks `permission` to `elsewhere`: a page of controls they could not use. */
export async function requirePermission(permission: Permission, elsewhere: string): Promise<void> {
  const { activeTenant } = await (await serverTrpc()).account.me();
  if (!roleMay(activeTenant.role, permission)) redirect(elsewhere);
}

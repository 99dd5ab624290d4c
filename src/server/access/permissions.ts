import { AppError } from "@/server/errors";
import type { Capability, TenantCaller, TenantRole } from "./caller";

export type { TenantRole };

/** Lowest first: each role may do everything the roles before it may. */
export const tenantRoles = ["viewer", "developer", "admin", "owner"] as const satisfies readonly TenantRole[];

/**
 * What a caller may do in a tenant, and the least role that may do it: the one table every tRPC procedure's
 * declared permission is checked against (README § Roles shows it, and a test holds the two together).
 */
export const permissions = {
  "tenant:read": { minimumRole: "viewer", means: "see the tenant's endpoints, deliveries, messages, catalog, inspector, activity and members" },
  "membership:leave": { minimumRole: "viewer", means: "leave the tenant (never its last owner)" },
  "secrets:read": { minimumRole: "developer", means: "reveal signing secrets and the primary webhook's token" },
  "endpoints:write": { minimumRole: "developer", means: "create, edit and delete endpoints and the primary webhook, rotate their secrets" },
  "deliveries:write": { minimumRole: "developer", means: "send test events, publish messages, retry and recover deliveries" },
  "inspector:write": { minimumRole: "developer", means: "create, clear and delete inspector capture URLs" },
  "apiKeys:manage": { minimumRole: "admin", means: "list, create and revoke API keys" },
  "members:manage": { minimumRole: "admin", means: "invite members, change members' roles and remove members (owners only by an owner)" },
  "ownership:transfer": { minimumRole: "owner", means: "make another member an owner" },
  "tenant:delete": { minimumRole: "owner", means: "delete the tenant with all its data" },
} as const satisfies Record<string, { minimumRole: TenantRole; means: string }>;

export type Permission = keyof typeof permissions;

export function roleAtLeast(role: TenantRole, minimum: TenantRole): boolean {
  return tenantRoles.indexOf(role) >= tenantRoles.indexOf(minimum);
}

export function roleMay(role: TenantRole, permission: Permission): boolean {
  return roleAtLeast(role, permissions[permission].minimumRole);
}

/**
 * A portal session has no membership. An operator's (the console's "Open portal") acts as an admin: the
 * normal portal, API keys and members included, every change recorded. A portal link's may never reach API
 * keys or members, which outlive it: a full link acts as a developer, a read-only one as a viewer.
 */
export function portalSessionRole(session: { capability: Capability; origin: "link" | "operator" }): TenantRole {
  if (session.origin === "operator") return session.capability === "full" ? "admin" : "viewer";
  return session.capability === "full" ? "developer" : "viewer";
}

/** Refuses with FORBIDDEN (403) what the caller's role may not do. */
export function assertPermitted(caller: TenantCaller, permission: Permission): void {
  if (roleMay(caller.role, permission)) return;
  const who = caller.actor.kind === "user" ? `${caller.role === "viewer" || caller.role === "developer" ? "A" : "An"} ${caller.role}` : "This portal session";
  throw new AppError("FORBIDDEN", `${who} may not ${permissions[permission].means}`);
}

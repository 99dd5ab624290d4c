import type { MembershipRole } from "@/generated/prisma/enums";

/**
 * Who is calling, resolved once at each edge (tRPC context, REST wrapper) and passed down to the domain,
 * which never asks which transport it came through.
 */
export type Actor =
  | { kind: "user"; id: string; label: string }
  | { kind: "operator"; id: string; label: string }
  | { kind: "tenant_key"; id: string; label: string }
  | { kind: "platform_key"; id: string; label: string }
  | { kind: "portal_link"; id: string; label: string }
  | { kind: "system"; id: null; label: string };

/** `read`: sees everything a tenant sees and changes nothing (a read-only portal link). */
export type Capability = "full" | "read";

/** A caller acting on one tenant, with the role its permissions are checked against (./permissions.ts). */
/** A member's role in one tenant. */
export type TenantRole = MembershipRole;

export type TenantCaller = { tenantId: string; actor: Actor; role: TenantRole };

/** Changes made by Hookline itself (start-up seeding, sweeps), and by use cases called outside a request. */
export const systemActor: Actor = { kind: "system", id: null, label: "Hookline" };

"use client";
import { createContext, useContext, type ReactNode } from "react";
import { roleMay, type Permission, type TenantRole } from "@/server/access/permissions";

const RoleContext = createContext<TenantRole>("viewer");

/**
 * Set once by the portal layout from `account.me`: the caller's role in the active tenant (a portal session's
 * stands for its capability). The server refuses what the role may not do anyway; this keeps the controls
 * that would fail off screen.
 */
export function PortalAccessProvider({ role, children }: { role: TenantRole; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export function useRole(): TenantRole {
  return useContext(RoleContext);
}

/** Whether the caller's role grants a permission (README § Teams). */
export function useCan(permission: Permission): boolean {
  return roleMay(useRole(), permission);
}

/** Whether the controls that change the tenant's webhooks (create, edit, delete, rotate, send, retry…) are shown. */
export function useCanChange(): boolean {
  return useCan("endpoints:write");
}

/** Its children only when the session may change things: for the action slots of server-rendered pages. */
export function IfCanChange({ children }: { children: ReactNode }) {
  return useCanChange() ? children : null;
}

/** A secret's reveal control, or, for a role that may not reveal secrets (a viewer), a note saying so. */
export function RevealableSecret({ children }: { children: ReactNode }) {
  if (useCan("secrets:read")) return children;
  return (
    <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="secret-hidden">
      Your role can see this tenant&apos;s configuration but not its secrets; a developer, admin or owner can reveal it.
    </p>
  );
}

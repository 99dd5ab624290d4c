"use client";
import { createContext, useContext, type ReactNode } from "react";

const CanChangeContext = createContext(true);

/**
 * Set once by the portal layout from `account.me`: a read-only portal session may look at everything and
 * change nothing. The server refuses its mutations anyway; this keeps the controls that would fail off screen.
 */
export function PortalAccessProvider({ canChange, children }: { canChange: boolean; children: ReactNode }) {
  return <CanChangeContext.Provider value={canChange}>{children}</CanChangeContext.Provider>;
}

/** Whether the controls that change something (create, edit, delete, rotate, send, retry…) are shown. */
export function useCanChange(): boolean {
  return useContext(CanChangeContext);
}

/** Its children only when the session may change things: for the action slots of server-rendered pages. */
export function IfCanChange({ children }: { children: ReactNode }) {
  return useCanChange() ? children : null;
}

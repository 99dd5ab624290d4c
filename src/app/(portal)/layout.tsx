import type { ReactNode } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { Eye, LogOut } from "lucide-react";
import { serverTrpc } from "@/trpc/server";
import { PORTAL_SESSION_COOKIE } from "@/server/auth/portal-session-cookie";
import { PortalNav } from "@/components/portal-nav";
import { PortalAccessProvider } from "@/components/portal/portal-access";
import { SignOutButton } from "@/components/sign-out-button";
import { CreateOwnTenantButton, TenantSwitcher } from "@/components/portal/tenant-switcher";
import { Badge } from "@/components/ui/badge";
import { ThemeToggle, themeBootScript } from "@/components/ui/theme-toggle";

export const dynamic = "force-dynamic";

/**
 * Who the portal shows: a portal session or a signed-in user; null for a user who belongs to no tenant (they
 * left or were removed from their last). Anyone else signs in, unless their portal session ran out.
 */
async function currentViewer() {
  try {
    return await (await serverTrpc()).account.me();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    if (!(error instanceof TRPCError && error.code === "UNAUTHORIZED")) throw error;
    // a portal link's visitor has no account to sign in to: tell them the session ended instead
    redirect((await cookies()).has(PORTAL_SESSION_COOKIE) ? "/portal/ended" : "/signin");
  }
}

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await currentViewer();
  if (!viewer) return <NoTenant />;
  const { user, activeTenant, tenants, isOperator, portal } = viewer;
  if (portal?.origin === "link") {
    return (
      <PortalAccessProvider role={activeTenant.role}>
        <EmbeddedLayout tenantName={activeTenant.name} readOnly={portal.capability === "read"}>{children}</EmbeddedLayout>
      </PortalAccessProvider>
    );
  }
  return (
    <PortalAccessProvider role={activeTenant.role}>
      <div className="min-h-screen">
        {portal && <OperatorBanner tenantName={activeTenant.name} operator={portal.openedBy} />}
        <div className="flex min-h-screen">
          <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
          <div className="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:block dark:border-slate-800 dark:bg-slate-900">
            <aside className="sticky top-0 flex h-screen flex-col px-3 py-4">
              <div className="mb-6 flex items-center gap-2 px-2 text-base font-semibold">
                {/* eslint-disable-next-line @next/next/no-img-element -- a 400-byte SVG: nothing for next/image to optimize */}
                <img src="/logo.svg" alt="" width={20} height={20} />
                Hookline
              </div>
              {portal ? (
                <div className="mb-4 rounded-md bg-slate-100 px-2 py-1.5 text-xs dark:bg-slate-800">
                  <div className="text-slate-500 dark:text-slate-400">Tenant</div>
                  <div className="truncate font-medium" data-testid="tenant-name">{activeTenant.name}</div>
                </div>
              ) : (
                <TenantSwitcher active={activeTenant} tenants={tenants} />
              )}
              <PortalNav isOperator={isOperator} />
              <div className="mt-auto border-t border-slate-200 pt-3 text-xs dark:border-slate-800">
                <ThemeToggle />
                <div className="mt-2 truncate px-2 text-slate-500 dark:text-slate-400" data-testid="user-email">{user?.email ?? portal?.openedBy}</div>
                {/* signing out would leave the operator's portal session running: Exit in the banner ends it */}
                {!portal && <SignOutButton />}
              </div>
            </aside>
          </div>
          <div className="min-w-0 flex-1">
            <div className="border-b border-slate-200 bg-white px-4 py-2 md:hidden dark:border-slate-800 dark:bg-slate-900">
              <div className="truncate text-xs font-medium">{activeTenant.name}</div>
              <PortalNav variant="compact" isOperator={isOperator} />
            </div>
            <main className="mx-auto max-w-6xl p-6">{children}</main>
          </div>
        </div>
      </div>
    </PortalAccessProvider>
  );
}

/** A signed-in person who belongs to no tenant any more: they make one, or sign out. */
function NoTenant() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 p-6 text-sm">
      <h1 className="text-lg font-semibold">You are not a member of any tenant</h1>
      <p className="text-slate-600 dark:text-slate-300">Ask a tenant&apos;s admin to invite you again, or create a tenant of your own.</p>
      <CreateOwnTenantButton />
      <SignOutButton />
    </main>
  );
}

/**
 * A portal link's session, inside the product's own dashboard: the tenant's pages under a tab bar, with
 * nothing of Hookline's account (no sign-out, theme, API keys or operator links) around them.
 */
function EmbeddedLayout({ tenantName, readOnly, children }: { tenantName: string; readOnly: boolean; children: ReactNode }) {
  return (
    <div className="min-h-screen" data-layout="embedded">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center gap-x-6 px-4 sm:px-6">
          <div className="flex shrink-0 items-center gap-2 py-2.5">
            <span className="max-w-56 truncate text-sm font-semibold" data-testid="tenant-name">{tenantName}</span>
            {readOnly && (
              <Badge tone="amber" title="This session can look at everything and change nothing">
                <Eye className="h-3 w-3" aria-hidden /> Read-only
              </Badge>
            )}
          </div>
          <div className="min-w-0 flex-1">
            <PortalNav variant="embedded" />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl p-4 sm:p-6">{children}</main>
    </div>
  );
}

/** An operator inside a tenant's portal: impossible to miss, and one click away from leaving. */
function OperatorBanner({ tenantName, operator }: { tenantName: string; operator: string }) {
  return (
    <div role="status" data-testid="operator-banner" className="bg-amber-400 text-amber-950">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 text-sm">
        <p>
          You are viewing <span className="font-semibold">{tenantName}</span> as operator <span className="font-semibold">{operator}</span> — every change is recorded
        </p>
        <form method="post" action="/portal/exit">
          <button type="submit" className="inline-flex items-center gap-1.5 rounded-md bg-amber-950 px-2.5 py-1 text-xs font-medium text-amber-50 hover:bg-amber-900">
            <LogOut className="h-3.5 w-3.5" aria-hidden /> Exit
          </button>
        </form>
      </div>
    </div>
  );
}

import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { serverTrpc } from "@/trpc/server";
import { PortalNav } from "@/components/portal-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { ThemeToggle, themeBootScript } from "@/components/ui/theme-toggle";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  if (!(await getSessionUser())) redirect("/signin");
  const { user, activeTenant } = await (await serverTrpc()).account.me();
  return (
    <div className="flex min-h-screen">
      <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      <div className="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:block dark:border-slate-800 dark:bg-slate-900">
        <aside className="sticky top-0 flex h-screen flex-col px-3 py-4">
          <div className="mb-6 flex items-center gap-2 px-2 text-base font-semibold">
            <span className="inline-block h-5 w-5 rounded-md bg-indigo-600" aria-hidden />
            Hookline
          </div>
          <div className="mb-4 rounded-md bg-slate-100 px-2 py-1.5 text-xs dark:bg-slate-800">
            <div className="text-slate-500 dark:text-slate-400">Tenant</div>
            <div className="truncate font-medium" data-testid="tenant-name">{activeTenant.name}</div>
          </div>
          <PortalNav />
          <div className="mt-auto border-t border-slate-200 pt-3 text-xs dark:border-slate-800">
            <ThemeToggle />
            <div className="mt-2 truncate px-2 text-slate-500 dark:text-slate-400" data-testid="user-email">{user?.email}</div>
            <SignOutButton />
          </div>
        </aside>
      </div>
      <div className="min-w-0 flex-1">
        <div className="border-b border-slate-200 bg-white px-4 py-2 md:hidden dark:border-slate-800 dark:bg-slate-900">
          <PortalNav compact />
        </div>
        <main className="mx-auto max-w-6xl p-6">{children}</main>
      </div>
    </div>
  );
}

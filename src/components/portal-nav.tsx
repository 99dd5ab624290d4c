"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Activity, BookOpen, Inbox, KeyRound, LayoutDashboard, Radio, Send, Webhook } from "lucide-react";

export const portalSections = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/endpoints", label: "Endpoints", icon: Webhook },
  { href: "/messages", label: "Messages", icon: Activity },
  { href: "/event-types", label: "Event catalog", icon: BookOpen },
  { href: "/primary-webhook", label: "Primary webhook", icon: Radio },
  { href: "/inspector", label: "Inspector", icon: Inbox },
  { href: "/api-keys", label: "API keys", icon: KeyRound },
  { href: "/docs/api", label: "API reference", icon: Send },
] as const;

export function PortalNav({ compact = false }: { compact?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Portal" className={compact ? "flex gap-3 overflow-x-auto text-sm" : "space-y-0.5 text-sm"}>
      {portalSections.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2 rounded-md px-2 py-1.5 ${
              active
                ? "bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300"
                : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            <Icon className="h-4 w-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

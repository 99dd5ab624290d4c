"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Activity, BookOpen, Inbox, KeyRound, LayoutDashboard, Radio, ScrollText, Send, ShieldCheck, Users, Webhook, type LucideIcon } from "lucide-react";
import { useCan } from "@/components/portal/portal-access";
import { cn } from "@/components/ui/cn";

type PortalSection = { href: string; label: string; icon: LucideIcon };

const dashboard = { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard };
const endpoints = { href: "/endpoints", label: "Endpoints", icon: Webhook };
const messages = { href: "/messages", label: "Messages", icon: Activity };
const eventCatalog = { href: "/event-types", label: "Event catalog", icon: BookOpen };
const primaryWebhook = { href: "/primary-webhook", label: "Primary webhook", icon: Radio };
const inspector = { href: "/inspector", label: "Inspector", icon: Inbox };
const activity = { href: "/activity", label: "Activity", icon: ScrollText };
const members = { href: "/members", label: "Members", icon: Users };
const apiKeys = { href: "/api-keys", label: "API keys", icon: KeyRound };
const apiReference = { href: "/docs/api", label: "API reference", icon: Send };
const operatorConsole = { href: "/operator", label: "Operator console", icon: ShieldCheck };

const memberSections: PortalSection[] = [dashboard, endpoints, messages, eventCatalog, primaryWebhook, inspector, activity, members, apiKeys, apiReference];
/** What a portal link opens inside the product's dashboard: the tenant's webhooks, nothing of the account. */
const embeddedSections: PortalSection[] = [endpoints, messages, eventCatalog, inspector, primaryWebhook, activity];

const itemClasses = {
  sidebar: {
    base: "flex items-center gap-2 rounded-md px-2 py-1.5",
    active: "bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300",
    idle: "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
  },
  embedded: {
    base: "-mb-px flex shrink-0 items-center gap-1.5 border-b-2 px-1 py-2.5",
    active: "border-indigo-600 font-medium text-indigo-700",
    idle: "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
  },
};

/**
 * `sidebar` and `compact` (the same sections in a row, for narrow screens) for signed-in people, with the
 * operator console for operators and API keys for the roles that manage them; `embedded`: the tab bar of a
 * portal link's session.
 */
export function PortalNav({ variant = "sidebar", isOperator = false }: { variant?: "sidebar" | "compact" | "embedded"; isOperator?: boolean }) {
  const pathname = usePathname();
  const managesKeys = useCan("apiKeys:manage");
  const accountSections = memberSections.filter((section) => section !== apiKeys || managesKeys);
  const sections = variant === "embedded" ? embeddedSections : isOperator ? [...accountSections, operatorConsole] : accountSections;
  const classes = itemClasses[variant === "embedded" ? "embedded" : "sidebar"];
  return (
    <nav
      aria-label="Portal"
      className={cn("text-sm", variant === "sidebar" ? "space-y-0.5" : "flex overflow-x-auto", variant === "compact" && "gap-3", variant === "embedded" && "gap-5")}
    >
      {sections.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link key={href} href={href} aria-current={active ? "page" : undefined} className={cn(classes.base, active ? classes.active : classes.idle)}>
            <Icon className="h-4 w-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const tabs = [
  { href: "/operator", label: "Tenants", matches: (path: string) => path === "/operator" || path.startsWith("/operator/tenants") },
  { href: "/operator/api-keys", label: "Platform API keys", matches: (path: string) => path.startsWith("/operator/api-keys") },
  { href: "/operator/activity", label: "Activity", matches: (path: string) => path.startsWith("/operator/activity") },
];

/** The console's own sections, under the one "Operator console" entry of the portal navigation. */
export function OperatorTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Operator console" className="mb-6 flex gap-5 border-b border-slate-200 text-sm dark:border-slate-800">
      {tabs.map(({ href, label, matches }) => {
        const active = matches(pathname);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 py-2 font-medium",
              active ? "border-indigo-600 text-indigo-700 dark:text-indigo-300" : "border-transparent text-slate-500 hover:text-slate-800 dark:hover:text-slate-200",
            )}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

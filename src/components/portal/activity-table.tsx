"use client";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ActivityEntryDto } from "@/server/activity/schemas";

const actorLook: Record<ActivityEntryDto["actor_kind"], { label: string; tone: BadgeTone }> = {
  user: { label: "User", tone: "gray" },
  operator: { label: "Operator", tone: "amber" },
  tenant_key: { label: "API key", tone: "blue" },
  platform_key: { label: "Platform key", tone: "indigo" },
  portal_link: { label: "Portal link", tone: "green" },
  system: { label: "Hookline", tone: "gray" },
};

/** Entries of the activity log, newest first; `showTenant` adds the tenant column (the operator's install-wide view). */
export function ActivityTable({ entries, showTenant = false }: { entries: ActivityEntryDto[]; showTenant?: boolean }) {
  if (entries.length === 0) {
    return <EmptyState icon={ScrollText} title="No activity yet" description="Changes to endpoints, secrets, API keys and portal access appear here, with who made them." />;
  }
  return (
    <table className="w-full text-left text-sm" aria-label="Activity log">
      <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
        <tr>
          <th className="px-4 py-2.5 font-medium">When</th>
          {showTenant && <th className="px-4 py-2.5 font-medium">Tenant</th>}
          <th className="px-4 py-2.5 font-medium">Who</th>
          <th className="px-4 py-2.5 font-medium">What</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {entries.map((entry) => {
          const actor = actorLook[entry.actor_kind];
          return (
            <tr key={entry.id} data-testid="activity-row" className="align-top">
              <td className="px-4 py-3 text-xs whitespace-nowrap text-slate-500">
                <RelativeTime date={entry.created_at} />
              </td>
              {showTenant && (
                <td className="max-w-48 px-4 py-3 text-xs">
                  {entry.tenant_id ? (
                    <Link href={`/operator/tenants/${entry.tenant_id}`} className="block truncate font-medium text-indigo-600 hover:underline dark:text-indigo-400">
                      {entry.tenant_name}
                    </Link>
                  ) : (
                    <span className="text-slate-400">Install</span>
                  )}
                </td>
              )}
              <td className="max-w-64 px-4 py-3">
                <Badge tone={actor.tone}>{actor.label}</Badge>
                <div className="mt-0.5 truncate text-xs text-slate-500 dark:text-slate-400" title={entry.actor_label}>
                  {entry.actor_label}
                </div>
              </td>
              <td className="px-4 py-3">
                <div className="text-sm">{entry.summary}</div>
                <div className="font-mono text-xs text-slate-400">{entry.action}</div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

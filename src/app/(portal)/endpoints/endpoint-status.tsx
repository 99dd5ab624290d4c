import { Badge } from "@/components/ui/badge";
import type { EndpointDto } from "@/server/endpoints/schemas";

export function EndpointStatusBadge({ endpoint }: { endpoint: Pick<EndpointDto, "is_active" | "disabled_at" | "disabled_reason"> }) {
  if (endpoint.disabled_at) return <Badge tone="red" title={endpoint.disabled_reason ?? undefined}>Disabled</Badge>;
  return endpoint.is_active ? <Badge tone="green">Active</Badge> : <Badge tone="gray">Inactive</Badge>;
}

export function EventsSummary({ events }: { events: string[] }) {
  if (events.includes("*")) return <Badge tone="indigo">All events</Badge>;
  if (events.length === 0) return <span className="text-xs text-slate-400">No events</span>;
  return (
    <span className="flex flex-wrap items-center gap-1" title={events.join(", ")}>
      {events.slice(0, 2).map((name) => (
        <Badge key={name} tone="gray" className="font-mono">{name}</Badge>
      ))}
      {events.length > 2 && <span className="text-xs text-slate-500">+{events.length - 2}</span>}
    </span>
  );
}

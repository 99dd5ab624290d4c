import { RelativeTime } from "@/components/ui/relative-time";
import { DeliveryStatusBadge, type DeliveryStatus } from "@/components/portal/status-badge";

/** An endpoint's latest delivery in a table cell: its status and how long ago, or "Never". */
export function LastDelivery({ delivery }: { delivery: { status: string; created_at: Date } | null }) {
  if (!delivery) return <span className="text-xs text-slate-400">Never</span>;
  return (
    <div className="flex items-center gap-2">
      <DeliveryStatusBadge status={delivery.status as DeliveryStatus} />
      <RelativeTime date={delivery.created_at} className="text-xs text-slate-500" />
    </div>
  );
}

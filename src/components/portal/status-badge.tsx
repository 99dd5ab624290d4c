import { CheckCircle2, CircleDashed, Clock, Loader2, XCircle, Ban } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";

export type DeliveryStatus = "pending" | "delivering" | "succeeded" | "failed" | "cancelled";

const look: Record<DeliveryStatus, { tone: BadgeTone; label: string; icon: typeof Clock }> = {
  pending: { tone: "gray", label: "Pending", icon: Clock },
  delivering: { tone: "blue", label: "Delivering", icon: Loader2 },
  succeeded: { tone: "green", label: "Succeeded", icon: CheckCircle2 },
  failed: { tone: "red", label: "Failed", icon: XCircle },
  cancelled: { tone: "gray", label: "Cancelled", icon: Ban },
};

export function DeliveryStatusBadge({ status, retrying }: { status: DeliveryStatus; retrying?: boolean }) {
  const { tone, label, icon: Icon } = look[status] ?? { tone: "gray", label: status, icon: CircleDashed };
  const showRetrying = retrying && (status === "pending" || status === "delivering");
  return (
    <Badge tone={showRetrying ? "amber" : tone}>
      <Icon className={`h-3 w-3 ${status === "delivering" ? "animate-spin" : ""}`} aria-hidden />
      {showRetrying ? "Retrying" : label}
    </Badge>
  );
}

export function HttpStatusBadge({ status }: { status: number | null | undefined }) {
  if (status === null || status === undefined) return <Badge tone="gray">no response</Badge>;
  const tone: BadgeTone = status >= 200 && status < 300 ? "green" : status >= 300 && status < 400 ? "amber" : "red";
  return <Badge tone={tone}>HTTP {status}</Badge>;
}

const methodTones: Record<string, BadgeTone> = { GET: "blue", POST: "green", PUT: "amber", PATCH: "amber", DELETE: "red" };

export function MethodBadge({ method }: { method: string }) {
  return (
    <Badge tone={methodTones[method] ?? "gray"} className="font-mono">
      {method}
    </Badge>
  );
}

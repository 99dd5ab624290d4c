"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { History, Inbox } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { FormField, Input } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadingRows } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";
import { DeliveryList } from "@/components/portal/delivery-list";
import { LiveIndicator } from "@/components/portal/live-indicator";
import { errorMessage } from "@/components/portal/errors";
import { useCanChange } from "@/components/portal/portal-access";
import type { DeliveryStatus } from "@/components/portal/status-badge";
import type { EndpointDto } from "@/server/endpoints/schemas";

const tabs: { label: string; status?: DeliveryStatus }[] = [
  { label: "All" },
  { label: "Succeeded", status: "succeeded" },
  { label: "Failed", status: "failed" },
  { label: "Pending", status: "pending" },
];

export function DeliveriesPanel({ endpoint, openDelivery }: { endpoint: EndpointDto; openDelivery?: string }) {
  const trpc = useTRPC();
  const canChange = useCanChange();
  const [status, setStatus] = useState<DeliveryStatus>();
  const [limit, setLimit] = useState(20);
  const deliveries = useQuery(
    trpc.deliveries.list.queryOptions(
      { endpointId: endpoint.id, status, limit },
      { refetchInterval: 2_000, placeholderData: (previous) => previous },
    ),
  );
  return (
    <Card>
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            Deliveries <LiveIndicator />
          </span>
        }
        description="Newest first; expand a delivery for each attempt's request and response."
        actions={canChange && <RecoverDialog endpoint={endpoint} />}
      />
      <div role="tablist" aria-label="Filter deliveries" className="flex gap-4 border-b border-slate-200 px-5 dark:border-slate-800">
        {tabs.map((tab) => (
          <button
            key={tab.label}
            role="tab"
            aria-selected={status === tab.status}
            onClick={() => setStatus(tab.status)}
            className={cn(
              "-mb-px border-b-2 py-2 text-xs font-medium",
              status === tab.status ? "border-indigo-600 text-indigo-700 dark:text-indigo-300" : "border-transparent text-slate-500 hover:text-slate-800 dark:hover:text-slate-200",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {deliveries.isPending ? (
        <LoadingRows />
      ) : deliveries.isError ? (
        <EmptyState icon={Inbox} title="Could not load deliveries" description={deliveries.error.message} />
      ) : deliveries.data.data.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={status ? `No ${status} deliveries` : "No deliveries yet"}
          description={status || !canChange ? undefined : "Send a test event to see the first request and your receiver's response here."}
        />
      ) : (
        <>
          <DeliveryList deliveries={deliveries.data.data} initiallyOpen={openDelivery} />
          {deliveries.data.next_cursor && (
            <div className="border-t border-slate-200 px-5 py-2.5 text-center dark:border-slate-800">
              <Button variant="ghost" size="sm" loading={deliveries.isFetching && limit > deliveries.data.data.length} onClick={() => setLimit(Math.min(limit + 20, 100))} disabled={limit >= 100}>
                {limit >= 100 ? "See older deliveries in Messages" : "Show older"}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function toLocalInput(date: Date) {
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Svix-style bulk recovery: every failed delivery since a moment, sent again. */
function RecoverDialog({ endpoint }: { endpoint: EndpointDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // the moment the dialog opened: "since" defaults to a day before it and may not lie after it
  const [openedAt, setOpenedAt] = useState(() => new Date());
  const [since, setSince] = useState(() => toLocalInput(new Date(openedAt.getTime() - 24 * 3600_000)));
  const valid = since !== "" && !Number.isNaN(new Date(since).getTime()) && new Date(since).getTime() <= openedAt.getTime() + 60_000;
  const recover = useMutation(
    trpc.deliveries.recover.mutationOptions({
      onSuccess: async ({ count }) => {
        setOpen(false);
        toast.success(count ? `Recovering ${count} failed deliver${count === 1 ? "y" : "ies"}` : "Nothing to recover", {
          description: count ? "Each is sent again as a new delivery." : "No failed delivery without a retry since that time.",
        });
        await queryClient.invalidateQueries({ queryKey: trpc.deliveries.list.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) setOpenedAt(new Date());
        setOpen(next);
      }}
      title="Recover failed deliveries"
      description="Every delivery to this endpoint that failed since the time below, and was not retried yet, is sent again with its original payload."
      trigger={
        <Button variant="secondary" size="sm">
          <History className="h-3.5 w-3.5" aria-hidden /> Recover failed since…
        </Button>
      }
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button disabled={!valid} loading={recover.isPending} onClick={() => recover.mutate({ endpoint_id: endpoint.id, since: new Date(since) })}>
            Recover
          </Button>
        </>
      }
    >
      <FormField label="Failed since" htmlFor="recover-since" error={valid ? undefined : "Pick a moment in the past"}>
        <Input id="recover-since" type="datetime-local" value={since} max={toLocalInput(openedAt)} onChange={(e) => setSince(e.target.value)} invalid={!valid} />
      </FormField>
    </Dialog>
  );
}

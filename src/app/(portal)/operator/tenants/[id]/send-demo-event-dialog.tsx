"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { FormField, Select } from "@/components/ui/field";
import { errorMessage } from "@/components/portal/errors";
import { EventTypeField, SentEventResult } from "@/components/portal/send-event";
import type { EndpointListItemDto } from "@/server/endpoints/schemas";
import type { DemoEventDto, DemoEventTarget } from "@/server/operators/schemas";
import type { TenantDetailDto } from "@/server/tenants/schemas";
import { DemoDelivery } from "./demo-delivery";

const NEW_INSPECTOR = "new_inspector";

/**
 * The product team demoing: any catalog event, with its example payload, to one of the tenant's endpoints
 * or to a capture URL made for it, then watched until it arrives.
 */
export function SendDemoEventDialog({ tenant, endpoints }: { tenant: TenantDetailDto; endpoints: EndpointListItemDto[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const catalog = useQuery(trpc.catalog.list.queryOptions(undefined, { staleTime: Infinity, enabled: open }));
  const [eventType, setEventType] = useState<string>();
  const selected = catalog.data?.find((e) => e.name === eventType) ?? catalog.data?.[0];
  const usable = endpoints.filter((endpoint) => !endpoint.disabled_at);
  const [target, setTarget] = useState<string>();
  const chosenTarget = target ?? usable[0]?.id ?? NEW_INSPECTOR;
  const [sent, setSent] = useState<DemoEventDto>();

  const send = useMutation(
    trpc.operator.tenants.sendDemoEvent.mutationOptions({
      onSuccess: async (result) => {
        setSent(result);
        toast.success("Demo event sent", { description: `${selected?.name} is on its way` });
        // a new capture URL is a new endpoint of the tenant
        await queryClient.invalidateQueries({ queryKey: trpc.operator.tenants.get.queryKey({ tenant: tenant.id }) });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  function submit() {
    if (!selected) return;
    const demoTarget: DemoEventTarget = chosenTarget === NEW_INSPECTOR ? { kind: "new_inspector" } : { kind: "endpoint", endpoint_id: chosenTarget };
    send.mutate({ tenant: tenant.id, data: { event_type: selected.name, target: demoTarget } });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setSent(undefined);
      }}
      wide
      title={`Send a demo event to ${tenant.name}`}
      description="Any event of the catalog with its example payload, signed like every delivery. Sent as a test: it never counts against the tenant's health."
      trigger={
        <Button variant="secondary">
          <FlaskConical className="h-4 w-4" aria-hidden /> Send demo event
        </Button>
      }
    >
      {sent ? (
        <SentEventResult
          testId="demo-event-result"
          header={
            sent.capture_url && (
              <div className="flex items-center gap-2 text-xs">
                <span className="text-slate-500">Capture URL</span>
                <code className="min-w-0 flex-1 truncate font-mono" title={sent.capture_url}>{sent.capture_url}</code>
                <CopyButton value={sent.capture_url} label="Copy URL" toastMessage="Capture URL copied" />
              </div>
            )
          }
          onSendAnother={() => setSent(undefined)}
          onDone={() => setOpen(false)}
        >
          <DemoDelivery tenantId={tenant.id} deliveryId={sent.delivery_id} />
        </SentEventResult>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <EventTypeField id="demo-event-type" eventTypes={catalog.data ?? []} selected={selected} onSelect={setEventType} disabled={!catalog.data} />
          <FormField
            label="Send to"
            htmlFor="demo-event-target"
            hint={chosenTarget === NEW_INSPECTOR ? "Makes a capture URL in the tenant's inspector and an endpoint pointing at it, subscribed to nothing else." : undefined}
          >
            <Select id="demo-event-target" value={chosenTarget} onChange={(e) => setTarget(e.target.value)}>
              {usable.map((endpoint) => (
                <option key={endpoint.id} value={endpoint.id}>
                  {endpoint.description ? `${endpoint.description} — ${endpoint.url}` : endpoint.url}
                </option>
              ))}
              <option value={NEW_INSPECTOR}>A new inspector capture URL</option>
            </Select>
          </FormField>
          <div className="flex justify-end">
            <Button type="submit" loading={send.isPending} disabled={!selected}>
              Send demo event
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

"use client";
import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField, Textarea } from "@/components/ui/field";
import { DeliveryList } from "@/components/portal/delivery-list";
import { errorMessage } from "@/components/portal/errors";
import { EventTypeField, SentEventResult } from "@/components/portal/send-event";
import type { EndpointDto } from "@/server/endpoints/schemas";

export function SendTestEventDialog({ endpoint }: { endpoint: EndpointDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const catalog = useQuery(trpc.catalog.list.queryOptions(undefined, { staleTime: Infinity, enabled: open }));
  // events the endpoint subscribes to first: those are the ones its receiver handles
  const eventTypes = useMemo(() => {
    const all = catalog.data ?? [];
    const subscribed = (name: string) => endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(name);
    return [...all.filter((e) => subscribed(e.name)), ...all.filter((e) => !subscribed(e.name))];
  }, [catalog.data, endpoint.enabled_events]);
  const [eventType, setEventType] = useState<string>();
  const selected = eventTypes.find((e) => e.name === eventType) ?? eventTypes[0];
  const [payloadText, setPayloadText] = useState<string>();
  const payload = payloadText ?? (selected ? JSON.stringify(selected.example, null, 2) : "");
  const parseError = useMemo(() => {
    try {
      JSON.parse(payload || "null");
      return undefined;
    } catch (error) {
      return `Not valid JSON: ${(error as Error).message}`;
    }
  }, [payload]);
  const [deliveryId, setDeliveryId] = useState<string>();

  const send = useMutation(
    trpc.deliveries.sendTest.mutationOptions({
      onSuccess: async ({ message }) => {
        setDeliveryId(message.deliveries[0]?.id);
        toast.success("Test event sent", { description: `${message.event_type} is on its way to ${endpoint.url}` });
        await queryClient.invalidateQueries({ queryKey: trpc.deliveries.list.pathKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  // follows the delivery until it settles, so the result shows here without leaving the dialog
  const delivery = useQuery(
    trpc.deliveries.get.queryOptions(
      { id: deliveryId ?? "00000000-0000-0000-0000-000000000000" },
      {
        enabled: Boolean(deliveryId),
        refetchInterval: (query) => {
          const status = query.state.data?.status;
          return status === "succeeded" || status === "failed" || status === "cancelled" ? false : 1_000;
        },
      },
    ),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setDeliveryId(undefined);
      }}
      wide
      title="Send a test event"
      description="Delivers one event to this endpoint now, signed like any other, whatever events it subscribes to. Test deliveries never count against its health."
      trigger={
        <Button>
          <FlaskConical className="h-4 w-4" aria-hidden /> Send test event
        </Button>
      }
    >
      {deliveryId ? (
        <SentEventResult testId="test-event-result" onSendAnother={() => setDeliveryId(undefined)} onDone={() => setOpen(false)}>
          {delivery.data ? <DeliveryList deliveries={[delivery.data]} initiallyOpen={delivery.data.id} /> : <p className="p-4 text-sm text-slate-500">Sending…</p>}
        </SentEventResult>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!selected || parseError) return;
            send.mutate({ endpoint_id: endpoint.id, event_type: selected.name, payload: JSON.parse(payload) });
          }}
        >
          <EventTypeField
            id="test-event-type"
            eventTypes={eventTypes}
            selected={selected}
            onSelect={(name) => {
              setEventType(name);
              setPayloadText(undefined);
            }}
            note={(name) => (endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(name) ? "" : " (not subscribed)")}
          />
          <FormField label="Payload" htmlFor="test-payload" error={parseError} hint="The catalog's example; edit it freely. It is validated against the event's schema.">
            <Textarea id="test-payload" rows={14} spellCheck={false} value={payload} onChange={(e) => setPayloadText(e.target.value)} invalid={Boolean(parseError)} />
          </FormField>
          <div className="flex justify-end gap-2">
            {payloadText !== undefined && (
              <Button variant="ghost" onClick={() => setPayloadText(undefined)}>
                Reset example
              </Button>
            )}
            <Button type="submit" loading={send.isPending} disabled={!selected || Boolean(parseError)}>
              Send test event
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

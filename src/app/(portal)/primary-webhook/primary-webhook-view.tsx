"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Radio, RefreshCw } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField, Input } from "@/components/ui/field";
import { SecretField } from "@/components/ui/secret-field";
import { LoadingRows } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { errorMessage } from "@/components/portal/errors";
import { RevealableSecret, useCanChange } from "@/components/portal/portal-access";
import { eventTypeNames } from "@/server/catalog";
import { upsertPrimaryWebhookInput, type PrimaryWebhookDto } from "@/server/endpoints/primary-webhook-schemas";

type Draft = { url: string; signature_enabled: boolean; events: Record<string, boolean> };

function draftOf(webhook: PrimaryWebhookDto | null): Draft {
  const flags = (webhook ?? {}) as Record<string, unknown>;
  return {
    url: webhook?.url ?? "",
    signature_enabled: webhook?.signature_enabled ?? true,
    events: Object.fromEntries(eventTypeNames.map((name) => [name, flags[name] === true])),
  };
}

export function PrimaryWebhookView() {
  const trpc = useTRPC();
  const canChange = useCanChange();
  const webhook = useQuery(trpc.primaryWebhook.get.queryOptions());
  if (webhook.isPending) return <Card><LoadingRows /></Card>;
  if (webhook.isError) return <Card><CardBody>{webhook.error.message}</CardBody></Card>;
  if (!webhook.data && !canChange) {
    return <Card><EmptyState icon={Radio} title="No primary webhook" description="This tenant has not set one up." /></Card>;
  }
  return (
    <div className="space-y-5">
      {/* keyed by the saved state so the form restarts from what the server holds after each save */}
      <PrimaryWebhookForm key={JSON.stringify(webhook.data)} webhook={webhook.data} />
      {/* outside the keyed form: a save arriving after a rotation must not hide the new token */}
      {webhook.data ? <TokenCard signatureEnabled={webhook.data.signature_enabled} /> : (
        <p className="text-center text-xs text-slate-500">A token is generated when the webhook is created.</p>
      )}
    </div>
  );
}

function PrimaryWebhookForm({ webhook }: { webhook: PrimaryWebhookDto | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canChange = useCanChange();
  const catalog = useQuery(trpc.catalog.list.queryOptions(undefined, { staleTime: Infinity }));
  const [draft, setDraft] = useState<Draft>(() => draftOf(webhook));
  const [touched, setTouched] = useState(false);
  const input = { url: draft.url, signature_enabled: draft.signature_enabled, ...draft.events };
  const parsed = upsertPrimaryWebhookInput.safeParse(input);
  const urlError = draft.url.trim() === "" ? "Enter the URL to deliver to" : parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "url")?.message;
  const save = useMutation(
    trpc.primaryWebhook.upsert.mutationOptions({
      onSuccess: async () => {
        toast.success(webhook ? "Primary webhook saved" : "Primary webhook created");
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.primaryWebhook.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.endpoints.pathKey() }),
        ]);
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const groups = useMemo(() => {
    const byGroup = new Map<string, { name: string; description: string }[]>();
    for (const e of catalog.data ?? []) byGroup.set(e.group, [...(byGroup.get(e.group) ?? []), e]);
    return [...byGroup.entries()];
  }, [catalog.data]);
  const enabledCount = Object.values(draft.events).filter(Boolean).length;
  const setAll = (on: boolean) => setDraft({ ...draft, events: Object.fromEntries(eventTypeNames.map((n) => [n, on])) });

  return (
    <form
      className="space-y-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (urlError || !parsed.success) return toast.error("Some fields need your attention");
        save.mutate(parsed.data);
      }}
    >
      {/* read-only sessions see the settings as they are, every input disabled */}
      <fieldset disabled={!canChange} className="min-w-0 space-y-5">
        <Card>
          <CardHeader
            title="Destination"
            actions={webhook && <Link href={`/endpoints/${webhook.id}`} className="text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400">Deliveries →</Link>}
          />
          <CardBody className="space-y-4">
            <FormField label="Webhook URL" htmlFor="primary-url" error={touched ? urlError : undefined}>
              <Input
                id="primary-url"
                placeholder="https://example.com/webhooks"
                value={draft.url}
                invalid={touched && Boolean(urlError)}
                onBlur={() => setTouched(true)}
                onChange={(e) => setDraft({ ...draft, url: e.target.value })}
              />
            </FormField>
            <label className="flex items-start gap-3 text-sm">
              <Switch checked={draft.signature_enabled} onCheckedChange={(on) => setDraft({ ...draft, signature_enabled: on })} label="Signature enabled" className="mt-0.5" />
              <span>
                <span className="font-medium">Signature enabled</span>
                <span className="block text-xs text-slate-500 dark:text-slate-400">
                  {draft.signature_enabled
                    ? "Each request carries X-Signature: the hex HMAC-SHA256 of the body, keyed with the token."
                    : "Each request carries the token itself in X-Webhook-Token; compare it with yours."}
                </span>
              </span>
            </label>
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Events"
            description={`${enabledCount} of ${eventTypeNames.length} on. Events are off until you switch them on.`}
            actions={
              canChange && (
                <>
                  <Button variant="ghost" size="sm" onClick={() => setAll(true)}>All on</Button>
                  <Button variant="ghost" size="sm" onClick={() => setAll(false)}>All off</Button>
                </>
              )
            }
          />
          <CardBody className="space-y-4">
            {(groups.length ? groups : [["Events", eventTypeNames.map((name) => ({ name, description: "" }))] as const]).map(([group, items]) => (
              <fieldset key={group}>
                <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-400 uppercase">{group}</legend>
                <div className="grid gap-x-6 sm:grid-cols-2">
                  {items.map((e) => (
                    <label key={e.name} className="flex items-center justify-between gap-3 border-b border-slate-100 py-2 dark:border-slate-800">
                      <span className="min-w-0">
                        <span className="block font-mono text-xs">{e.name}</span>
                        {e.description && <span className="block truncate text-xs text-slate-500 dark:text-slate-400">{e.description}</span>}
                      </span>
                      <Switch
                        checked={draft.events[e.name] ?? false}
                        onCheckedChange={(on) => setDraft({ ...draft, events: { ...draft.events, [e.name]: on } })}
                        label={e.name}
                      />
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </CardBody>
        </Card>
      </fieldset>
      {canChange && (
        <div className="flex justify-end">
          <Button type="submit" loading={save.isPending}>{webhook ? "Save changes" : "Create primary webhook"}</Button>
        </div>
      )}
    </form>
  );
}

function TokenCard({ signatureEnabled }: { signatureEnabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canChange = useCanChange();
  const [rotated, setRotated] = useState<string>();
  const rotate = useMutation(
    trpc.primaryWebhook.rotateToken.mutationOptions({
      onSuccess: ({ token }) => {
        setRotated(token);
        queryClient.setQueryData(trpc.primaryWebhook.token.queryKey(), { token });
        toast.success("Token rotated", { description: "Update your receiver; the previous token stays valid for 24 hours in Hookline's checks." });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Card>
      <CardHeader title={<span className="flex items-center gap-2">Token <Badge tone="gray">{signatureEnabled ? "signs X-Signature" : "sent as X-Webhook-Token"}</Badge></span>} description="GET /api/v2/webhook/token returns it too. Keep it secret." />
      <CardBody className="space-y-3">
        <RevealableSecret>
          <SecretField key={rotated ?? "initial"} label="Webhook token" value={rotated} load={async () => (await queryClient.fetchQuery({ ...trpc.primaryWebhook.token.queryOptions(), staleTime: 0 })).token} />
        </RevealableSecret>
        {canChange && (
          <ConfirmDialog
            title="Rotate the token?"
            description="A new token is used from the next request on. Requests are signed with (or carry) the new token only, so update your receiver right away."
            confirmLabel="Rotate token"
            tone="primary"
            onConfirm={() => rotate.mutateAsync()}
            trigger={
              <Button variant="secondary" size="sm">
                <RefreshCw className="h-3.5 w-3.5" aria-hidden /> Rotate token
              </Button>
            }
          />
        )}
      </CardBody>
    </Card>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FormField, Input, Select } from "@/components/ui/field";
import { KeyValueEditor } from "@/components/ui/key-value-editor";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/components/ui/cn";
import { errorMessage } from "@/components/portal/errors";
import { endpointLimits, joinEndpointUrl, type EndpointDto, type ReceiverAuthTypeName } from "@/server/endpoints/schemas";
import { EventPicker } from "./event-picker";
import { schemeDescriptions } from "./scheme-descriptions";
import { InspectorUrlButton } from "./inspector-url-button";
import { RetryPreview } from "./retry-preview";
import { ORDERING_NOTE } from "./ordering-note";
import { PayloadFilterEditor } from "./payload-filter-editor";
import { endpointResolver, formDefaults, toCreateInput, toUpdateInput, type EndpointFormValues } from "./endpoint-form-model";


const authTypes: { value: ReceiverAuthTypeName; label: string }[] = [
  { value: "None", label: "None" },
  { value: "ApiKey", label: "API key" },
  { value: "Basic", label: "Basic" },
  { value: "Bearer", label: "Bearer" },
];

function Segmented<T extends string>({ value, onChange, options, label }: { value: T; onChange: (v: T) => void; options: { value: T; label: string }[]; label: string }) {
  return (
    <div role="radiogroup" aria-label={label} className="inline-flex rounded-md border border-slate-200 p-0.5 dark:border-slate-700">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={value === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            "rounded px-3 py-1 text-xs font-medium",
            value === option.value ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

export function EndpointForm({ endpoint }: { endpoint?: EndpointDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const editing = Boolean(endpoint);
  const form = useForm<EndpointFormValues>({ defaultValues: formDefaults(endpoint), resolver: endpointResolver(endpoint), mode: "onTouched" });
  const { register, control, formState, setValue } = form;
  const errors = formState.errors;
  const values = useWatch({ control });

  const onSaved = async (saved: EndpointDto) => {
    await queryClient.invalidateQueries({ queryKey: trpc.endpoints.pathKey() });
    toast.success(editing ? "Endpoint saved" : "Endpoint created", { description: saved.url });
    router.push(`/endpoints/${saved.id}`);
    router.refresh();
  };
  const create = useMutation(trpc.endpoints.create.mutationOptions({ onSuccess: onSaved, onError: (e) => toast.error(errorMessage(e)) }));
  const update = useMutation(trpc.endpoints.update.mutationOptions({ onSuccess: onSaved, onError: (e) => toast.error(errorMessage(e)) }));

  const submit = form.handleSubmit(
    (v) => (endpoint ? update.mutate({ id: endpoint.id, data: toUpdateInput(v, endpoint) }) : create.mutate(toCreateInput(v))),
    () => toast.error("Some fields need your attention"),
  );
  const secretHint = editing ? "Leave blank to keep the stored value" : undefined;
  const authType = values.auth_type ?? "None";

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <Card>
        <CardHeader title="Destination" description="Where Hookline sends requests. Private network addresses are refused outside development." />
        <CardBody className="space-y-4">
          <Controller
            control={control}
            name="urlMode"
            render={({ field }) => (
              <Segmented
                label="URL style"
                value={field.value}
                onChange={field.onChange}
                options={[
                  { value: "url", label: "Single URL" },
                  { value: "base", label: "Base URL + path" },
                ]}
              />
            )}
          />
          {values.urlMode === "base" ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Base URL" htmlFor="base_url" error={errors.base_url?.message}>
                <Input id="base_url" placeholder="https://api.example.com" invalid={Boolean(errors.base_url)} {...register("base_url")} />
              </FormField>
              <FormField label="Relative path" htmlFor="relative_path" optional error={errors.relative_path?.message}>
                <Input id="relative_path" placeholder="/webhook/events" invalid={Boolean(errors.relative_path)} {...register("relative_path")} />
              </FormField>
              {values.base_url && (
                <p className="text-xs text-slate-500 sm:col-span-2 dark:text-slate-400">
                  Requests go to <code className="font-mono">{joinEndpointUrl(values.base_url, values.relative_path)}</code>
                </p>
              )}
            </div>
          ) : (
            <FormField label="Endpoint URL" htmlFor="url" error={errors.url?.message} hint="An http(s) URL that answers POST with a 2xx.">
              <div className="flex gap-2">
                <Input id="url" placeholder="https://example.com/webhooks/hookline" invalid={Boolean(errors.url)} {...register("url")} />
                <InspectorUrlButton onPick={(url) => setValue("url", url, { shouldValidate: true, shouldDirty: true })} />
              </div>
            </FormField>
          )}
          <FormField label="Description" htmlFor="description" optional error={errors.description?.message}>
            <Input id="description" placeholder="Production order service" maxLength={endpointLimits.descriptionLength} {...register("description")} />
          </FormField>
          <Controller
            control={control}
            name="is_active"
            render={({ field }) => (
              <label className="flex items-center gap-3 text-sm">
                <Switch id="is_active" checked={field.value} onCheckedChange={field.onChange} label="Active" />
                <span>
                  <span className="font-medium">Active</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">Inactive endpoints receive nothing; pending deliveries are cancelled.</span>
                </span>
              </label>
            )}
          />
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Events" description="Which event types this endpoint receives." />
        <CardBody>
          <Controller control={control} name="enabled_events" render={({ field }) => <EventPicker value={field.value} onChange={field.onChange} error={errors.enabled_events?.message} />} />
          <p className="mt-3 text-xs text-slate-500 dark:text-slate-400" data-testid="ordering-note">
            <span className="font-medium text-slate-700 dark:text-slate-300">Ordering:</span> {ORDERING_NOTE}
          </p>
        </CardBody>
      </Card>

      <PayloadFilterEditor
        registration={register("filter")}
        text={values.filter ?? ""}
        error={errors.filter?.message}
        setText={(text) => setValue("filter", text, { shouldValidate: true, shouldDirty: true })}
      />

      <Card>
        <CardHeader title="Signing" description="How your receiver proves a request came from Hookline. The secret is on the endpoint page." />
        <CardBody>
          <Controller
            control={control}
            name="signature_scheme"
            render={({ field }) => (
              <div role="radiogroup" aria-label="Signing scheme" className="grid gap-2 sm:grid-cols-2">
                {(Object.keys(schemeDescriptions) as EndpointDto["signature_scheme"][]).map((scheme) => (
                  <label
                    key={scheme}
                    className={cn(
                      "flex cursor-pointer gap-3 rounded-lg border px-3 py-2.5 text-sm",
                      field.value === scheme ? "border-indigo-500 bg-indigo-50/60 ring-1 ring-indigo-500 dark:bg-indigo-500/10" : "border-slate-200 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50",
                    )}
                  >
                    <input type="radio" name={field.name} value={scheme} checked={field.value === scheme} onChange={() => field.onChange(scheme)} className="mt-1 accent-indigo-600" />
                    <span>
                      <span className="font-medium">{schemeDescriptions[scheme].label}</span>
                      <span className="ml-1.5 font-mono text-xs text-slate-400">{scheme}</span>
                      <span className="block text-xs text-slate-500 dark:text-slate-400">{schemeDescriptions[scheme].detail}</span>
                    </span>
                  </label>
                ))}
              </div>
            )}
          />
          {endpoint && values.signature_scheme !== endpoint.signature_scheme && (
            <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800 dark:bg-amber-500/10 dark:text-amber-300">
              Changing the scheme issues a new secret when the current one does not fit it; update your receiver right away.
            </p>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Receiver authentication" description="Credentials your receiver expects, sent with every request beside the signature. Stored encrypted." />
        <CardBody className="space-y-4">
          <Controller
            control={control}
            name="auth_type"
            render={({ field }) => <Segmented label="Authentication type" value={field.value} onChange={field.onChange} options={authTypes} />}
          />
          {errors.auth_type?.message && <p role="alert" className="text-xs text-red-600">{errors.auth_type.message}</p>}
          {authType === "ApiKey" && (
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Header name" htmlFor="auth_headerName" error={errors.auth_settings?.headerName?.message}>
                <Input id="auth_headerName" invalid={Boolean(errors.auth_settings?.headerName)} {...register("auth_settings.headerName")} />
              </FormField>
              <FormField label="API key" htmlFor="auth_apiKey" error={errors.auth_settings?.apiKey?.message} hint={secretHint}>
                <Input id="auth_apiKey" type="password" autoComplete="off" invalid={Boolean(errors.auth_settings?.apiKey)} {...register("auth_settings.apiKey")} />
              </FormField>
            </div>
          )}
          {authType === "Basic" && (
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Username" htmlFor="auth_username" error={errors.auth_settings?.username?.message}>
                <Input id="auth_username" autoComplete="off" invalid={Boolean(errors.auth_settings?.username)} {...register("auth_settings.username")} />
              </FormField>
              <FormField label="Password" htmlFor="auth_password" error={errors.auth_settings?.password?.message} hint={secretHint}>
                <Input id="auth_password" type="password" autoComplete="new-password" invalid={Boolean(errors.auth_settings?.password)} {...register("auth_settings.password")} />
              </FormField>
            </div>
          )}
          {authType === "Bearer" && (
            <FormField label="Bearer token" htmlFor="auth_token" error={errors.auth_settings?.token?.message} hint={secretHint}>
              <Input id="auth_token" type="password" autoComplete="off" invalid={Boolean(errors.auth_settings?.token)} {...register("auth_settings.token")} />
            </FormField>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Retries and timeout" description="What happens when your receiver is down or slow." />
        <CardBody className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField label="Retries" htmlFor="retry_count" error={errors.retry_count?.message} hint={`0–${endpointLimits.retryCount.max} after the first attempt`}>
              <Input id="retry_count" inputMode="numeric" invalid={Boolean(errors.retry_count)} {...register("retry_count")} />
            </FormField>
            <FormField label="Retry interval (seconds)" htmlFor="retry_interval" error={errors.retry_interval?.message}>
              <Input id="retry_interval" inputMode="numeric" invalid={Boolean(errors.retry_interval)} {...register("retry_interval")} />
            </FormField>
            <FormField label="Backoff" htmlFor="backoff">
              <Select id="backoff" {...register("backoff")}>
                <option value="fixed">Fixed interval</option>
                <option value="exponential">Exponential (doubling)</option>
              </Select>
            </FormField>
          </div>
          <RetryPreview retryCount={Number(values.retry_count)} retryInterval={Number(values.retry_interval)} backoff={values.backoff ?? "fixed"} />
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField label="Timeout (ms)" htmlFor="timeout_ms" error={errors.timeout_ms?.message} hint="Per attempt, 100–60000">
              <Input id="timeout_ms" inputMode="numeric" invalid={Boolean(errors.timeout_ms)} {...register("timeout_ms")} />
            </FormField>
            <FormField label="Rate limit (requests/s)" htmlFor="rate_limit_per_second" optional error={errors.rate_limit_per_second?.message} hint="Blank = unlimited">
              <Input id="rate_limit_per_second" inputMode="numeric" invalid={Boolean(errors.rate_limit_per_second)} {...register("rate_limit_per_second")} />
            </FormField>
          </div>
        </CardBody>
      </Card>

      <div className="grid gap-5 lg:grid-cols-2">
        <Card>
          <CardHeader title="Custom headers" description="Added to every request to this endpoint." />
          <CardBody>
            <Controller
              control={control}
              name="custom_headers"
              render={({ field }) => (
                <KeyValueEditor id="custom_headers" rows={field.value} onChange={field.onChange} keyPlaceholder="Header" valuePlaceholder="Value" addLabel="Add header" error={errors.custom_headers?.message} />
              )}
            />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Metadata" description="Your own key/value data, stored and returned as given." />
          <CardBody>
            <Controller
              control={control}
              name="metadata"
              render={({ field }) => (
                <KeyValueEditor id="metadata" rows={field.value} onChange={field.onChange} keyPlaceholder="Key" valuePlaceholder="Value" addLabel="Add entry" error={errors.metadata?.message} />
              )}
            />
          </CardBody>
        </Card>
      </div>

      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
        <Button variant="secondary" onClick={() => router.back()}>
          Cancel
        </Button>
        <Button type="submit" loading={create.isPending || update.isPending}>
          {editing ? "Save changes" : "Create endpoint"}
        </Button>
      </div>
    </form>
  );
}

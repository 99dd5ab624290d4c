"use client";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, Plus } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { FormField, Input } from "@/components/ui/field";
import { errorMessage } from "@/components/portal/errors";
import {
  createPlatformApiKeyInput,
  platformApiKeyScopes,
  type CreatePlatformApiKeyInput,
  type PlatformApiKeyScope,
} from "@/server/api-keys/schemas";

const scopeHelp: Record<PlatformApiKeyScope, string> = {
  "tenants:read": "List and read tenants and their figures",
  "tenants:write": "Create, change and delete tenants; change any tenant's endpoints (with Hookline-Tenant)",
  publish: "Publish messages for any tenant (with Hookline-Tenant)",
  "portal-links": "Mint portal links to embed a tenant's portal",
  read: "Read any tenant's endpoints, logs and messages (with Hookline-Tenant)",
};

export function CreatePlatformKeyDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string }>();
  const form = useForm<CreatePlatformApiKeyInput>({
    resolver: zodResolver(createPlatformApiKeyInput),
    defaultValues: { name: "", scopes: [...platformApiKeyScopes] },
  });
  const create = useMutation(
    trpc.operator.apiKeys.create.mutationOptions({
      onSuccess: async ({ key, apiKey }) => {
        setCreated({ key, name: apiKey.name });
        toast.success("Platform key created");
        await queryClient.invalidateQueries({ queryKey: trpc.operator.apiKeys.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setCreated(undefined);
          form.reset();
        }
      }}
      wide={Boolean(created)}
      title={created ? "Copy your new platform key" : "Create a platform key"}
      description={created ? undefined : "Name it after the service that uses it, and give it only the scopes it needs."}
      trigger={
        <Button>
          <Plus className="h-4 w-4" aria-hidden /> Create platform key
        </Button>
      }
    >
      {created ? (
        <div className="space-y-4">
          <div className="flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            This is the only time “{created.name}” is shown. It acts for every tenant: store it in your secret manager now.
          </div>
          <div className="flex items-center gap-2">
            <code data-testid="new-platform-key" className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all dark:border-slate-800 dark:bg-slate-950">
              {created.key}
            </code>
            <CopyButton value={created.key} label="Copy key" toastMessage="Platform key copied" />
          </div>
          <CodeBlock code={`curl ${origin}/api/v2/tenants \\\n  -H "Authorization: Bearer ${created.key}"`} language="shell" label="Try it" />
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <form onSubmit={form.handleSubmit((values) => create.mutate(values))} className="space-y-4" noValidate>
          <FormField label="Name" htmlFor="platform-key-name" error={form.formState.errors.name?.message}>
            <Input id="platform-key-name" autoFocus placeholder="Product backend (production)" invalid={Boolean(form.formState.errors.name)} {...form.register("name")} />
          </FormField>
          <Controller
            control={form.control}
            name="scopes"
            render={({ field, fieldState }) => (
              <fieldset>
                <legend className="mb-1 text-sm font-medium">Scopes</legend>
                <div className="space-y-1.5">
                  {platformApiKeyScopes.map((scope) => (
                    <label key={scope} className="flex items-start gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="mt-0.5 h-4 w-4 accent-indigo-600"
                        checked={field.value?.includes(scope) ?? false}
                        onChange={(e) => field.onChange(e.target.checked ? [...(field.value ?? []), scope] : (field.value ?? []).filter((s) => s !== scope))}
                      />
                      <span>
                        <span className="font-mono text-xs font-medium">{scope}</span>
                        <span className="block text-xs text-slate-500 dark:text-slate-400">{scopeHelp[scope]}</span>
                      </span>
                    </label>
                  ))}
                </div>
                {fieldState.error?.message && <p role="alert" className="mt-1 text-xs text-red-600">{fieldState.error.message}</p>}
              </fieldset>
            )}
          />
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" loading={create.isPending}>Create key</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

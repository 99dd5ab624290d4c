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
import { apiKeyScopes, createApiKeyInput, type ApiKeyScope, type CreateApiKeyInput } from "@/server/api-keys/schemas";

const scopeHelp: Record<ApiKeyScope, string> = {
  read: "List and read endpoints, logs, events and messages",
  write: "Change endpoints, read and rotate secrets, retry, send tests",
  publish: "Publish messages (POST /api/v2/messages)",
};

export function CreateApiKeyDialog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string }>();
  const form = useForm<CreateApiKeyInput>({ resolver: zodResolver(createApiKeyInput), defaultValues: { name: "", scopes: [...apiKeyScopes] } });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async ({ key, apiKey }) => {
        setCreated({ key, name: apiKey.name });
        toast.success("API key created");
        await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
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
      title={created ? "Copy your new API key" : "Create an API key"}
      description={created ? undefined : "Give it a name that says where it is used, and only the scopes it needs."}
      trigger={
        <Button>
          <Plus className="h-4 w-4" aria-hidden /> Create API key
        </Button>
      }
    >
      {created ? (
        <div className="space-y-4">
          <div className="flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            This is the only time “{created.name}” is shown. Store it in your secret manager now.
          </div>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-key" className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all dark:border-slate-800 dark:bg-slate-950">
              {created.key}
            </code>
            <CopyButton value={created.key} label="Copy key" toastMessage="API key copied" />
          </div>
          <CodeBlock code={`curl ${origin}/api/v2/events \\\n  -H "Authorization: Bearer ${created.key}"`} language="shell" label="Try it" />
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <form onSubmit={form.handleSubmit((values) => create.mutate(values))} className="space-y-4" noValidate>
          <FormField label="Name" htmlFor="api-key-name" error={form.formState.errors.name?.message}>
            <Input id="api-key-name" autoFocus placeholder="Billing service (production)" invalid={Boolean(form.formState.errors.name)} {...form.register("name")} />
          </FormField>
          <Controller
            control={form.control}
            name="scopes"
            render={({ field, fieldState }) => (
              <fieldset>
                <legend className="mb-1 text-sm font-medium">Scopes</legend>
                <div className="space-y-1.5">
                  {apiKeyScopes.map((scope) => (
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

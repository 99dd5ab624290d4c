"use client";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from "@tanstack/react-query";
import { AlertTriangle, Plus } from "lucide-react";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogClose, DialogFormActions } from "@/components/ui/dialog";
import { FormField, Input } from "@/components/ui/field";
import { errorMessage } from "./errors";
import { capitalized, type KeyWording } from "./key-list";

/** What the create form sends: a name and the scopes ticked (all of them to begin with). */
type KeyInput<Scope extends string> = { name: string; scopes?: Scope[] };

/**
 * Makes a key of one kind, then shows it once with a copy button and a curl to try it. The caller passes
 * the scopes it offers with a line of help each, the schema its create procedure parses with, `create`,
 * that procedure's mutation options, and `invalidates`, the key of the list to refresh.
 */
export function CreateKeyDialog<Scope extends string, TCreated extends { key: string; apiKey: { name: string } }, TError>({
  wording,
  scopes,
  scopeHelp,
  schema,
  create,
  invalidates,
}: {
  wording: KeyWording;
  scopes: readonly Scope[];
  scopeHelp: Record<Scope, string>;
  schema: z.ZodType<KeyInput<Scope>, KeyInput<Scope>>;
  create: UseMutationOptions<TCreated, TError, KeyInput<Scope>>;
  invalidates: QueryKey;
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string }>();
  const form = useForm<KeyInput<Scope>>({ resolver: zodResolver(schema), defaultValues: { name: "", scopes: [...scopes] } });
  const creating = useMutation({
    ...create,
    onSuccess: async ({ key, apiKey }) => {
      setCreated({ key, name: apiKey.name });
      toast.success(`${capitalized(wording.noun)} created`);
      await queryClient.invalidateQueries({ queryKey: invalidates });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
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
      title={created ? `Copy your new ${wording.noun}` : `Create ${wording.aNoun}`}
      description={created ? undefined : wording.createDescription}
      trigger={
        <Button>
          <Plus className="h-4 w-4" aria-hidden /> Create {wording.noun}
        </Button>
      }
    >
      {created ? (
        <div className="space-y-4">
          <div className="flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            This is the only time “{created.name}” is shown. {wording.storeNote}
          </div>
          <div className="flex items-center gap-2">
            <code data-testid={wording.newKeyTestId} className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all dark:border-slate-800 dark:bg-slate-950">
              {created.key}
            </code>
            <CopyButton value={created.key} label="Copy key" toastMessage={`${capitalized(wording.noun)} copied`} />
          </div>
          <CodeBlock code={`curl ${origin}${wording.tryPath} \\\n  -H "Authorization: Bearer ${created.key}"`} language="shell" label="Try it" />
          <div className="flex justify-end">
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <form onSubmit={form.handleSubmit((values) => creating.mutate(values))} className="space-y-4" noValidate>
          <FormField label="Name" htmlFor={wording.nameFieldId} error={form.formState.errors.name?.message}>
            <Input id={wording.nameFieldId} autoFocus placeholder={wording.namePlaceholder} invalid={Boolean(form.formState.errors.name)} {...form.register("name")} />
          </FormField>
          <Controller
            control={form.control}
            name="scopes"
            render={({ field, fieldState }) => (
              <fieldset>
                <legend className="mb-1 text-sm font-medium">Scopes</legend>
                <div className="space-y-1.5">
                  {scopes.map((scope) => (
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
          <DialogFormActions submitLabel="Create key" loading={creating.isPending} />
        </form>
      )}
    </Dialog>
  );
}

"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { DropdownMenu } from "radix-ui";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { FormField, Input } from "@/components/ui/field";
import { errorMessage, fieldErrorsOf } from "@/components/portal/errors";
import { createOwnTenantInput } from "@/server/tenants/schemas";
import type { TenantRole } from "@/server/access/permissions";

type MemberTenant = { slug: string; name: string; role: TenantRole };

/**
 * Opens the dashboard of the tenant the server now acts on (after a switch, a new tenant, leaving one). Every
 * cached query belongs to the tenant left behind, and none of it may show under the new tenant's name.
 */
export function useOpenActiveTenant() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    router.replace("/dashboard");
    router.refresh();
  };
}

/** The active tenant, always in the sidebar; a person in several tenants switches here, and makes another. */
export function TenantSwitcher({ active, tenants }: { active: MemberTenant; tenants: MemberTenant[] }) {
  const trpc = useTRPC();
  const openTenant = useOpenActiveTenant();
  const [creating, setCreating] = useState(false);
  const switchTenant = useMutation(trpc.tenants.switch.mutationOptions({ onSuccess: openTenant, onError: (error) => toast.error(errorMessage(error)) }));
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button
            type="button"
            data-testid="tenant-switcher"
            className="mb-4 flex w-full items-center gap-2 rounded-md bg-slate-100 px-2 py-1.5 text-left text-xs hover:bg-slate-200 dark:bg-slate-800 dark:hover:bg-slate-700"
          >
            <span className="min-w-0 flex-1">
              <span className="block text-slate-500 dark:text-slate-400">Tenant · {active.role}</span>
              <span className="block truncate font-medium" data-testid="tenant-name">{active.name}</span>
            </span>
            <ChevronsUpDown className="h-3.5 w-3.5 shrink-0 text-slate-500" aria-hidden />
            <span className="sr-only">Switch tenant</span>
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            sideOffset={4}
            className="z-50 w-56 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-800 dark:bg-slate-900"
          >
            <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500 dark:text-slate-400">Your tenants</DropdownMenu.Label>
            {tenants.map((tenant) => (
              <DropdownMenu.Item
                key={tenant.slug}
                onSelect={() => tenant.slug !== active.slug && switchTenant.mutate({ slug: tenant.slug })}
                className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
              >
                <span className="min-w-0 flex-1 truncate">{tenant.name}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">{tenant.role}</span>
                <Check className={tenant.slug === active.slug ? "h-3.5 w-3.5 text-indigo-600" : "invisible h-3.5 w-3.5"} aria-hidden />
              </DropdownMenu.Item>
            ))}
            <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-800" />
            <DropdownMenu.Item
              onSelect={() => setCreating(true)}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
            >
              <Plus className="h-3.5 w-3.5" aria-hidden /> Create tenant
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <CreateOwnTenantDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}

/** Another tenant owned by the signed-in person; the portal opens it once made. */
export function CreateOwnTenantDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const openTenant = useOpenActiveTenant();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const create = useMutation(
    trpc.tenants.create.mutationOptions({
      onSuccess: openTenant,
      onError: (failure) => {
        const fieldError = fieldErrorsOf(failure).name;
        setError(fieldError);
        if (!fieldError) toast.error(errorMessage(failure));
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) {
          setName("");
          setError(undefined);
        }
      }}
      title="Create a tenant"
      description="A separate set of endpoints, keys and members. You are its owner."
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = createOwnTenantInput.safeParse({ name });
          if (!parsed.success) return setError(parsed.error.issues[0]?.message);
          create.mutate(parsed.data);
        }}
      >
        <FormField label="Name" htmlFor="own-tenant-name" error={error}>
          <Input id="own-tenant-name" autoFocus placeholder="Acme Staging" value={name} invalid={Boolean(error)} onChange={(e) => setName(e.target.value)} />
        </FormField>
        <DialogFormActions submitLabel="Create tenant" loading={create.isPending} />
      </form>
    </Dialog>
  );
}

export function CreateOwnTenantButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="h-4 w-4" aria-hidden /> Create tenant
      </Button>
      <CreateOwnTenantDialog open={open} onOpenChange={setOpen} />
    </>
  );
}

"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { FormField, Input } from "@/components/ui/field";
import { KeyValueEditor, recordFromRows, type KeyValueRow } from "@/components/ui/key-value-editor";
import { errorMessage, fieldErrorsOf } from "@/components/portal/errors";
import { createTenantInput } from "@/server/tenants/schemas";

const emptyForm = { name: "", externalId: "", metadata: [] as KeyValueRow[] };

/** A tenant for one of the product's customers; the console opens it once made. */
export function CreateTenantDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(emptyForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.operator.tenants.create.mutationOptions({
      onSuccess: async (tenant) => {
        toast.success(`Tenant ${tenant.name} created`);
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.operator.tenants.list.pathKey() });
        router.push(`/operator/tenants/${tenant.id}`);
      },
      onError: (error) => {
        // a taken external id is the one conflict a new tenant can meet
        const fields = error.data?.code === "CONFLICT" ? { external_id: error.message } : fieldErrorsOf(error);
        setErrors(fields);
        if (Object.keys(fields).length === 0) toast.error(errorMessage(error));
      },
    }),
  );

  function submit() {
    // the schema the server parses with, checked here first so mistakes show beside their field
    const parsed = createTenantInput.safeParse({
      name: form.name,
      external_id: form.externalId.trim() || undefined,
      metadata: recordFromRows(form.metadata),
    });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setForm(emptyForm);
          setErrors({});
        }
      }}
      title="Create a tenant"
      description="One tenant per customer of your product. Its external id is your own id for that customer: your backend publishes by it."
      trigger={
        <Button>
          <Plus className="h-4 w-4" aria-hidden /> Create tenant
        </Button>
      }
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <FormField label="Name" htmlFor="tenant-name" error={errors.name}>
          <Input id="tenant-name" autoFocus placeholder="Acme Corp" value={form.name} invalid={Boolean(errors.name)} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </FormField>
        <FormField label="External id" htmlFor="tenant-external-id" optional error={errors.external_id} hint="Letters, digits and . _ : @ -, unique in this install">
          <Input
            id="tenant-external-id"
            placeholder="cus_8f14e45f"
            className="font-mono text-xs"
            value={form.externalId}
            invalid={Boolean(errors.external_id)}
            onChange={(e) => setForm({ ...form, externalId: e.target.value })}
          />
        </FormField>
        <FormField label="Metadata" htmlFor="tenant-metadata" optional error={errors.metadata} hint="Free-form pairs for your team: plan, region…">
          <KeyValueEditor id="tenant-metadata" rows={form.metadata} onChange={(metadata) => setForm({ ...form, metadata })} addLabel="Add entry" error={errors.metadata} />
        </FormField>
        <DialogFormActions submitLabel="Create tenant" loading={create.isPending} />
      </form>
    </Dialog>
  );
}

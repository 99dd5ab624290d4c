"use client";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { FormField, Input } from "@/components/ui/field";
import { errorMessage } from "@/components/portal/errors";
import { createInspectorBinInput, type CreateInspectorBinInput, type InspectorBinDto } from "@/server/inspector/schemas";

export function CreateBinDialog({ trigger, onCreated }: { trigger: ReactNode; onCreated: (bin: InspectorBinDto) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<CreateInspectorBinInput>({ resolver: zodResolver(createInspectorBinInput), defaultValues: { name: "" } });
  const create = useMutation(
    trpc.inspector.createBin.mutationOptions({
      onSuccess: async (bin) => {
        toast.success("Capture URL created", { description: bin.captureUrl });
        await queryClient.invalidateQueries({ queryKey: trpc.inspector.listBins.queryKey() });
        setOpen(false);
        form.reset();
        onCreated(bin);
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={trigger}
      title="New capture URL"
      description="Hookline records every request sent to it, whatever the method, and keeps the last 100."
    >
      <form onSubmit={form.handleSubmit((values) => create.mutate(values))} className="space-y-4">
        <FormField label="Name" htmlFor="bin-name" error={form.formState.errors.name?.message} hint="Only you see it, e.g. “Local demo” or “Staging receiver”.">
          <Input id="bin-name" autoFocus placeholder="Local demo" invalid={Boolean(form.formState.errors.name)} {...form.register("name")} />
        </FormField>
        <DialogFormActions submitLabel="Create" loading={create.isPending} />
      </form>
    </Dialog>
  );
}

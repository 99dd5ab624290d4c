"use client";
import { useState, type ReactNode } from "react";
import { Dialog as D } from "radix-ui";
import { X } from "lucide-react";
import { Button } from "./button";
import { cn } from "./cn";

export function Dialog({ open, onOpenChange, trigger, title, description, children, footer, wide }: {
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  trigger?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}) {
  return (
    <D.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <D.Trigger asChild>{trigger}</D.Trigger>}
      <D.Portal>
        <D.Overlay className="fixed inset-0 z-40 bg-slate-950/40 backdrop-blur-[1px]" />
        <D.Content
          className={cn(
            "fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white p-5 shadow-xl outline-none dark:border-slate-800 dark:bg-slate-900",
            wide ? "max-w-2xl" : "max-w-md",
          )}
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <div>
              <D.Title className="text-base font-semibold">{title}</D.Title>
              {description ? (
                <D.Description className="mt-1 text-sm text-slate-500 dark:text-slate-400">{description}</D.Description>
              ) : (
                <D.Description className="sr-only">{typeof title === "string" ? title : "Dialog"}</D.Description>
              )}
            </div>
            <D.Close asChild>
              <Button variant="ghost" size="icon" aria-label="Close">
                <X className="h-4 w-4" />
              </Button>
            </D.Close>
          </div>
          {children}
          {footer && <div className="mt-5 flex justify-end gap-2">{footer}</div>}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

export const DialogClose = D.Close;

/** A form dialog's buttons: Cancel closes it; submit submits the form, busy while `loading`. */
export function DialogFormActions({ submitLabel, loading }: { submitLabel: ReactNode; loading?: boolean }) {
  return (
    <div className="flex justify-end gap-2">
      <D.Close asChild>
        <Button variant="secondary">Cancel</Button>
      </D.Close>
      <Button type="submit" loading={loading}>{submitLabel}</Button>
    </div>
  );
}

/**
 * Asks before a destructive action; the confirm button stays busy until `onConfirm` settles and the
 * dialog closes only when it succeeds.
 */
export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm, tone = "danger", children }: {
  trigger: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  tone?: "danger" | "primary";
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !busy && setOpen(next)}
      trigger={trigger}
      title={title}
      description={description}
      footer={
        <>
          <D.Close asChild>
            <Button variant="secondary" disabled={busy}>Cancel</Button>
          </D.Close>
          <Button
            variant={tone}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
                setOpen(false);
              } catch {
                // the caller reports the error (toast); the dialog stays open so the user can retry
              } finally {
                setBusy(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

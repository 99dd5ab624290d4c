"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link2 } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { FormField, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { errorMessage } from "@/components/portal/errors";
import { PORTAL_LINK_DEFAULT_SECONDS, PORTAL_LINK_MAX_SECONDS, type PortalLinkDto } from "@/server/portal-links/schemas";
import type { TenantDetailDto } from "@/server/tenants/schemas";

const lifetimes = [
  { seconds: PORTAL_LINK_DEFAULT_SECONDS, label: "10 minutes" },
  { seconds: 3600, label: "1 hour" },
  { seconds: PORTAL_LINK_MAX_SECONDS, label: "24 hours" },
];

/** Mints a single-use portal link to hand to the tenant (or embed); it is shown once, here. */
export function PortalLinkDialog({ tenant }: { tenant: TenantDetailDto }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [capability, setCapability] = useState<"full" | "read">("full");
  const [expiresIn, setExpiresIn] = useState(PORTAL_LINK_DEFAULT_SECONDS);
  const [link, setLink] = useState<PortalLinkDto>();
  const mint = useMutation(
    trpc.operator.tenants.mintPortalLink.mutationOptions({
      onSuccess: setLink,
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setLink(undefined);
      }}
      wide={Boolean(link)}
      title={link ? "Copy the portal link" : `A portal link for ${tenant.name}`}
      description={link ? undefined : "Opens the tenant's portal without an account, once. Embed it in your dashboard or send it to the tenant."}
      trigger={
        <Button variant="secondary">
          <Link2 className="h-4 w-4" aria-hidden /> Copy portal link
        </Button>
      }
    >
      {link ? (
        <div className="space-y-3">
          <div className="flex items-center gap-2">
            <code data-testid="portal-link" className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs break-all dark:border-slate-800 dark:bg-slate-950">
              {link.url}
            </code>
            <CopyButton value={link.url} label="Copy link" toastMessage="Portal link copied" />
          </div>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {link.capability === "read" ? "Read-only: it shows everything and changes nothing. " : "Full access to the tenant's portal. "}
            Works once; unopened, it expires <RelativeTime date={link.expires_at} />. Once opened, the session lasts {Math.round(link.session_seconds / 60)} minutes.
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setLink(undefined)}>Another link</Button>
            <Button onClick={() => setOpen(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            mint.mutate({ tenant: tenant.id, data: { capability, expires_in: expiresIn } });
          }}
        >
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Access</legend>
            <div className="space-y-1.5">
              {(
                [
                  ["full", "Full", "Everything the tenant can do: endpoints, secrets, test events"],
                  ["read", "Read-only", "Sees everything, changes nothing"],
                ] as const
              ).map(([value, label, help]) => (
                <label key={value} className="flex items-start gap-2 text-sm">
                  <input type="radio" name="portal-link-capability" className="mt-0.5 h-4 w-4 accent-indigo-600" checked={capability === value} onChange={() => setCapability(value)} />
                  <span>
                    <span className="font-medium">{label}</span>
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{help}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <FormField label="Expires if not opened within" htmlFor="portal-link-expiry">
            <Select id="portal-link-expiry" value={expiresIn} onChange={(e) => setExpiresIn(Number(e.target.value))}>
              {lifetimes.map(({ seconds, label }) => (
                <option key={seconds} value={seconds}>{label}</option>
              ))}
            </Select>
          </FormField>
          <div className="flex justify-end">
            <Button type="submit" loading={mint.isPending}>Create link</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

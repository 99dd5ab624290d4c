"use client";
import { useMutation } from "@tanstack/react-query";
import { LogIn } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { errorMessage } from "@/components/portal/errors";
import type { TenantDetailDto } from "@/server/tenants/schemas";

/** Steps into the tenant's portal as the tenant would see it: audited, and bannered while it lasts. */
export function OpenPortalButton({ tenant }: { tenant: TenantDetailDto }) {
  const trpc = useTRPC();
  const open = useMutation(
    trpc.operator.tenants.openPortal.mutationOptions({
      onSuccess: () => {
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load, not a client navigation: the layout must render again (with the banner), and nothing the browser cached of the operator's own tenant may show in the tenant's portal
        window.location.assign("/dashboard");
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <ConfirmDialog
      tone="primary"
      title={`Open ${tenant.name}'s portal?`}
      description="You see and change the tenant's portal as the tenant does, under a banner, for up to an hour or until you exit. Opening it, and every change you make, is recorded in the tenant's activity log."
      confirmLabel="Open portal"
      onConfirm={() => open.mutateAsync({ tenant: tenant.id })}
      trigger={
        <Button>
          <LogIn className="h-4 w-4" aria-hidden /> Open portal
        </Button>
      }
    />
  );
}

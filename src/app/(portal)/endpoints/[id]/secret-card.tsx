"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { toast } from "sonner";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/relative-time";
import { SecretField } from "@/components/ui/secret-field";
import { errorMessage } from "@/components/portal/errors";
import { RevealableSecret, useCanChange } from "@/components/portal/portal-access";
import type { EndpointDto, EndpointSecretDto } from "@/server/endpoints/schemas";

const overlaps = [
  { seconds: 86_400, label: "24 hours (recommended)" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 7 * 86_400, label: "7 days" },
  { seconds: 0, label: "None — retire the old secret now (it leaked)" },
];

function overlapExplanation(scheme: EndpointDto["signature_scheme"]): string {
  if (scheme === "standard") {
    return "During the overlap every request carries two signatures in webhook-signature, one per secret, so receivers verifying with either keep working while you deploy the new one.";
  }
  if (scheme === "none") return "This endpoint does not sign its requests; the secret is only used if you switch to a signing scheme.";
  return "This scheme carries a single value, so requests are signed with the new secret right away; the overlap only keeps the old secret valid in Hookline's inspector. Update your receiver as you rotate.";
}

export function SecretCard({ endpoint }: { endpoint: EndpointDto }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canChange = useCanChange();
  const [open, setOpen] = useState(false);
  const [overlap, setOverlap] = useState(String(overlaps[0]!.seconds));
  const [rotated, setRotated] = useState<EndpointSecretDto>();
  const rotate = useMutation(
    trpc.endpoints.rotateSecret.mutationOptions({
      onSuccess: (secret) => {
        setRotated(secret);
        setOpen(false);
        queryClient.setQueryData(trpc.endpoints.secret.queryKey({ id: endpoint.id }), secret);
        toast.success("Secret rotated", {
          description: secret.previous_secrets.length ? `The previous secret keeps working until ${formatDateTime(secret.previous_secrets[0]!.expires_at)}.` : "The previous secret no longer works.",
        });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  // always fresh: a scheme change or a rotation elsewhere replaces the secret
  const load = async () => (await queryClient.fetchQuery({ ...trpc.endpoints.secret.queryOptions({ id: endpoint.id }), staleTime: 0 })).secret;
  const previous = rotated?.previous_secrets ?? [];

  return (
    <Card>
      <CardHeader
        title="Signing secret"
        description={endpoint.signature_scheme === "token" ? "Sent as X-Webhook-Token; compare it in constant time." : "Keep it on your server; use it to verify every request."}
      />
      <CardBody className="space-y-3">
        <RevealableSecret>
          <SecretField key={rotated?.secret ?? "initial"} label="Signing secret" load={load} value={rotated?.secret} />
        </RevealableSecret>
        {previous.length > 0 && (
          <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="secret-overlap">
            {previous.length === 1 ? "The previous secret" : `${previous.length} previous secrets`} still sign{previous.length === 1 ? "s" : ""} until {formatDateTime(previous[0]!.expires_at)}.
          </p>
        )}
        {canChange && (
          <Dialog
            open={open}
            onOpenChange={setOpen}
            title="Rotate the signing secret?"
            description="A new secret is generated and used from now on."
            trigger={
              <Button variant="secondary" size="sm">
                <RefreshCw className="h-3.5 w-3.5" aria-hidden /> Rotate secret
              </Button>
            }
            footer={
              <>
                <DialogClose asChild>
                  <Button variant="secondary">Cancel</Button>
                </DialogClose>
                <Button loading={rotate.isPending} onClick={() => rotate.mutate({ id: endpoint.id, data: { overlap_seconds: Number(overlap) } })}>
                  Rotate secret
                </Button>
              </>
            }
          >
            <div className="space-y-3 text-sm">
              <p className="text-slate-600 dark:text-slate-300">{overlapExplanation(endpoint.signature_scheme)}</p>
              <label className="block">
                <span className="mb-1 block text-xs font-medium">Keep the old secret valid for</span>
                <Select value={overlap} onChange={(e) => setOverlap(e.target.value)} aria-label="Overlap">
                  {overlaps.map((o) => (
                    <option key={o.seconds} value={o.seconds}>{o.label}</option>
                  ))}
                </Select>
              </label>
            </div>
          </Dialog>
        )}
      </CardBody>
    </Card>
  );
}

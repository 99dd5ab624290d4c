import { PageHeader } from "@/components/ui/page-header";
import { PrimaryWebhookView } from "./primary-webhook-view";

export const metadata = { title: "Primary webhook" };

export default function PrimaryWebhookPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Primary webhook"
        description="One webhook for the whole tenant, the simple way (PUT /api/v2/webhook): a URL, a signature on or off, and the events it receives. It also appears among your endpoints."
      />
      <PrimaryWebhookView />
    </div>
  );
}

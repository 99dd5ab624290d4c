import Link from "next/link";
import { Webhook } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function EndpointNotFound() {
  return (
    <Card>
      <EmptyState
        icon={Webhook}
        title="Endpoint not found"
        description="It may have been deleted, or it belongs to another tenant."
        action={
          <Button asChild variant="secondary">
            <Link href="/endpoints">Back to endpoints</Link>
          </Button>
        }
      />
    </Card>
  );
}

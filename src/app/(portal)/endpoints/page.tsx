import Link from "next/link";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { EndpointQuota } from "@/components/portal/endpoint-quota";
import { IfCanChange } from "@/components/portal/portal-access";
import { EndpointTable } from "./endpoint-table";

export const metadata = { title: "Endpoints" };

export default function EndpointsPage() {
  return (
    <div>
      <PageHeader
        title="Endpoints"
        description="The URLs Hookline delivers your events to, each with its own events, signing secret and retry policy."
        actions={
          <>
            <EndpointQuota />
            <IfCanChange>
              <Button asChild>
                <Link href="/endpoints/new">
                  <Plus className="h-4 w-4" aria-hidden /> New endpoint
                </Link>
              </Button>
            </IfCanChange>
          </>
        }
      />
      <EndpointTable />
    </div>
  );
}

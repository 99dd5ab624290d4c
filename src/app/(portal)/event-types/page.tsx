import { serverTrpc } from "@/trpc/server";
import { PageHeader } from "@/components/ui/page-header";
import { EventCatalog } from "./event-catalog";

export const dynamic = "force-dynamic";
export const metadata = { title: "Event catalog" };

export default async function EventTypesPage() {
  const eventTypes = await (await serverTrpc()).catalog.list();
  return (
    <div>
      <PageHeader
        title="Event catalog"
        description={`Every event Hookline can deliver (${eventTypes.length}), with the payload publishers send, the body your endpoint receives, and the JSON Schema it is validated against.`}
      />
      <EventCatalog eventTypes={eventTypes} />
    </div>
  );
}

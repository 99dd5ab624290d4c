import { TenantDetail } from "./tenant-detail";

export const metadata = { title: "Tenant" };

/** `id` is the tenant's id or its external id, as in the tenants API. */
export default async function OperatorTenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TenantDetail reference={decodeURIComponent(id)} />;
}

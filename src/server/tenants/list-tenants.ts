import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { afterCursor, encodeCursor, newestFirst } from "@/server/pagination/keyset-cursor";
import { listTenantsQuery, tenantListDto, type ListTenantsQuery, type TenantListDto } from "./schemas";
import { tenantStats } from "./tenant-stats";
import { toTenantDetailDto } from "./to-tenant-dto";

/** Every tenant of the install, newest first, with health figures; `search` matches the name or external id. */
export async function listTenants({ db, query = {} }: { db: Db; query?: ListTenantsQuery }): Promise<TenantListDto> {
  const { search, limit, cursor } = listTenantsQuery.parse(query);
  const where: Prisma.TenantWhereInput = {
    ...afterCursor(cursor),
    ...(search && {
      AND: [
        {
          OR: [
            { name: { contains: search, mode: "insensitive" } },
            { externalId: { startsWith: search } },
            { slug: { startsWith: search.toLowerCase() } },
          ],
        },
      ],
    }),
  };
  const rows = await db.tenant.findMany({ where, orderBy: [...newestFirst], take: limit + 1 });
  const page = rows.slice(0, limit);
  const stats = await tenantStats(db, page.map((row) => row.id));
  return tenantListDto.parse({
    data: page.map((row) => toTenantDetailDto(row, stats.get(row.id)!)),
    next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  });
}

import type { Db } from "@/server/db/client";
import { afterCursor, encodeCursor, newestFirst } from "@/server/pagination/keyset-cursor";
import { activityListDto, listActivityQuery, type ActivityListDto, type ListActivityQuery } from "./schemas";

/** The activity log, newest first: one tenant's (`tenantId`), or the whole install's for operators ("all"). */
export async function listActivity({ db, tenantId, query = {} }: {
  db: Db;
  tenantId: string | "all";
  query?: ListActivityQuery;
}): Promise<ActivityListDto> {
  const { limit, cursor } = listActivityQuery.parse(query);
  const rows = await db.activityEntry.findMany({
    where: { ...(tenantId !== "all" && { tenantId }), ...afterCursor(cursor) },
    include: { tenant: { select: { name: true } } },
    orderBy: [...newestFirst],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return activityListDto.parse({
    data: page.map((row) => ({
      id: row.id,
      tenant_id: row.tenantId,
      tenant_name: row.tenant?.name ?? null,
      actor_kind: row.actorKind,
      actor_label: row.actorLabel,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      summary: row.summary,
      created_at: row.createdAt,
    })),
    next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
  });
}

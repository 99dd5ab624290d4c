import { z } from "zod";
import { cursorSchema } from "@/server/pagination/keyset-cursor";


export const listActivityQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorSchema.optional(),
});
export type ListActivityQuery = z.input<typeof listActivityQuery>;

export const activityEntryDto = z.object({
  id: z.uuid(),
  tenant_id: z.uuid().nullable(),
  tenant_name: z.string().nullable(),
  actor_kind: z.enum(["user", "operator", "tenant_key", "platform_key", "portal_link", "system"]),
  actor_label: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  summary: z.string(),
  created_at: z.date(),
});
export type ActivityEntryDto = z.infer<typeof activityEntryDto>;

export const activityListDto = z.object({ data: z.array(activityEntryDto), next_cursor: z.string().nullable() });
export type ActivityListDto = z.infer<typeof activityListDto>;

import type { Db } from "@/server/db/client";
import { compilePayloadFilter } from "./payload-filter";
import {
  PAYLOAD_FILTER_PREVIEW_MESSAGES,
  payloadFilterPreviewDto,
  previewPayloadFilterInput,
  type PayloadFilterPreviewDto,
  type PreviewPayloadFilterInput,
} from "./schemas";

/**
 * Which of the tenant's latest messages a filter matches, evaluated exactly as publishing evaluates a saved
 * one (the same compiled path, in the database), so the preview cannot disagree with what will be delivered.
 */
export async function previewPayloadFilter({ db, tenantId, input }: { db: Db; tenantId: string; input: PreviewPayloadFilterInput }): Promise<PayloadFilterPreviewDto> {
  const { filter } = previewPayloadFilterInput.parse(input);
  const rows = await db.$queryRaw<{ id: string; event_type: string; created_at: Date; matches: boolean | null }[]>`
    SELECT m.id::text, m.event_type, m.created_at, jsonb_path_match(m.payload, ${compilePayloadFilter(filter)}::jsonpath, '{}', true) AS matches
    FROM messages m WHERE m.tenant_id = ${tenantId}::uuid
    ORDER BY m.created_at DESC, m.id DESC LIMIT ${PAYLOAD_FILTER_PREVIEW_MESSAGES}`;
  const messages = rows.map((row) => ({ ...row, matches: row.matches === true }));
  return payloadFilterPreviewDto.parse({ messages, matched: messages.filter((message) => message.matches).length });
}

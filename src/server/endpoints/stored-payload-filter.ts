import { Prisma } from "@/generated/prisma/client";
import { compilePayloadFilter, type PayloadFilter } from "./payload-filter";

/** The columns of a saved filter: as the tenant wrote it, and compiled for publishing; null clears both. */
export function storedPayloadFilter(filter: PayloadFilter | null) {
  if (!filter) return { payloadFilter: Prisma.DbNull, payloadFilterPath: null };
  return { payloadFilter: filter as Prisma.InputJsonObject, payloadFilterPath: compilePayloadFilter(filter) };
}

/**
 * Whether an endpoint (aliased `e`) takes a payload: no filter, or its compiled filter matches. Silent mode: a
 * path error is no match rather than a failed publish.
 */
export function endpointFilterAccepts(payload: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(e.payload_filter_path IS NULL OR jsonb_path_match(${payload}, e.payload_filter_path::jsonpath, '{}', true))`;
}

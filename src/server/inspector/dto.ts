import type { InspectorBin } from "@/generated/prisma/client";
import { inspectorCaptureUrl } from "./capture-url";
import type { InspectorBinDto } from "./schemas";

export function toInspectorBinDto(
  bin: InspectorBin & { requestCount: number; lastReceivedAt: Date | null },
  publicUrl: string,
): InspectorBinDto {
  return {
    id: bin.id,
    name: bin.name,
    token: bin.token,
    captureUrl: inspectorCaptureUrl({ publicUrl, token: bin.token }),
    createdAt: bin.createdAt,
    requestCount: bin.requestCount,
    lastReceivedAt: bin.lastReceivedAt,
  };
}

/** Stored headers are a flat string map; anything else (a hand-edited row) is dropped, not trusted. */
export function headerMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

import { readCappedBytes } from "@/lib/read-capped-bytes";

/** The body as UTF-8 text, or null when it exceeds `maxBytes` (see readCappedBytes). */
export async function readCappedBody(request: Request, maxBytes: number): Promise<string | null> {
  const bytes = await readCappedBytes(request, maxBytes);
  return bytes === null ? null : bytes.toString("utf8");
}

import { AppError } from "@/server/errors";

/** Largest request body accepted, in bytes (1 MiB); documented in the OpenAPI description. */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`, { limit_bytes: MAX_BODY_BYTES });
}

/** Reads at most MAX_BODY_BYTES, whatever Content-Length claims (chunked bodies have none). */
async function readCapped(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The JSON body, or undefined when there is none (seed 001's `PATCH …/secret` and `POST …/test` send
 * none). Parsed whatever the Content-Type says: curl's `--data` sends form encoding by default.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const bytes = await readCapped(request);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid UTF-8");
  }
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

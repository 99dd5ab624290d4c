import { readCappedBytes } from "@/lib/read-capped-bytes";
import { AppError } from "@/server/errors";

/** Largest request body accepted, in bytes (1 MiB); documented in the OpenAPI description. */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${MAX_BODY_BYTES} bytes (1 MiB)`, { limit_bytes: MAX_BODY_BYTES });
}

/** Reads at most MAX_BODY_BYTES, whatever Content-Length claims. */
async function readCapped(request: Request): Promise<Uint8Array> {
  const bytes = await readCappedBytes(request, MAX_BODY_BYTES);
  if (bytes === null) throw tooLarge();
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

import { readCappedBytes } from "@/lib/read-capped-bytes";
import { AppError } from "@/server/errors";

const MIB = 1024 * 1024;

/** Largest request body accepted, in bytes (1 MiB), unless a route sets its own cap; documented in the OpenAPI description. */
export const MAX_BODY_BYTES = MIB;
/** `POST /api/v2/messages/batch` carries up to 1,000 messages: 5 MiB. */
export const MAX_BATCH_BODY_BYTES = 5 * MIB;

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${maxBytes} bytes (${maxBytes / MIB} MiB)`, { limit_bytes: maxBytes });
}

/** Reads at most `maxBytes`, whatever Content-Length claims. */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  const bytes = await readCappedBytes(request, maxBytes);
  if (bytes === null) throw tooLarge(maxBytes);
  return bytes;
}

/**
 * The JSON body, or undefined when there is none (seed 001's `PATCH …/secret` and `POST …/test` send
 * none). Parsed whatever the Content-Type says: curl's `--data` sends form encoding by default.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readCapped(request, maxBytes);
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

/**
 * The address a request came from, as the nearest proxy saw it: the last `X-Forwarded-For` entry. Next.js
 * fills the header with the socket's address only when it is absent, and a reverse proxy appends the
 * address it saw, so the last entry is the one no client chose — unless the app is reached directly, where
 * a client may send the header itself (docs/security.md says what that leaves).
 */
export function clientAddress(headers: Headers): string | null {
  const entries = headers.get("x-forwarded-for")?.split(",").map((entry) => entry.trim()).filter(Boolean) ?? [];
  return entries.at(-1) ?? null;
}

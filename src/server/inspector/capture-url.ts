/** The absolute URL a bin captures requests at; endpoints and test events point here. */
export function inspectorCaptureUrl({ publicUrl, token }: { publicUrl: string; token: string }): string {
  return `${publicUrl.replace(/\/$/, "")}/api/inspect/${token}`;
}

/** The bin token in a capture URL, so the portal can match endpoints that point at a bin. */
export function inspectorTokenOf(url: string): string | undefined {
  try {
    return /^\/api\/inspect\/([A-Za-z0-9_-]+)\/?$/.exec(new URL(url).pathname)?.[1];
  } catch {
    return undefined;
  }
}

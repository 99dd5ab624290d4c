import { afterEach, describe, expect, it, vi } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config, proxy } from "./proxy";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("frame policy", () => {
  it("forbids framing when no origin is configured", () => {
    vi.stubEnv("HOOKLINE_FRAME_ANCESTORS", "");
    const headers = proxy().headers;
    expect(headers.get("Content-Security-Policy")).toBe("frame-ancestors 'none'");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
  });

  it("allows the configured origins, read at request time", () => {
    vi.stubEnv("HOOKLINE_FRAME_ANCESTORS", "https://app.example.com, http://127.0.0.1:4000");
    const headers = proxy().headers;
    expect(headers.get("Content-Security-Policy")).toBe("frame-ancestors 'self' https://app.example.com http://127.0.0.1:4000");
    expect(headers.get("X-Frame-Options")).toBeNull();

    vi.stubEnv("HOOKLINE_FRAME_ANCESTORS", "https://other.example");
    expect(proxy().headers.get("Content-Security-Policy")).toBe("frame-ancestors 'self' https://other.example");
  });

  it.each(["/", "/endpoints", "/endpoints/0b6c1c2e-8e4f-4c55-9d0b-1f1f4b0c9a11/edit", "/portal/hlp_abc-DEF_123", "/portal/exit", "/signin", "/apidocs", "/docs/api", "/event-types", "/eventsful"])(
    "runs on the page %s",
    (url) => {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
    },
  );

  it.each(["/api", "/api/v2/webhook_endpoint", "/api/trpc/account.me", "/api/inspect/in_abc", "/notifications/webhooks", "/notifications/webhooks/0b6c1c2e-8e4f-4c55-9d0b-1f1f4b0c9a11/messages", "/events/types", "/events/0b6c1c2e-8e4f-4c55-9d0b-1f1f4b0c9a11", "/_next/static/chunks/main.js", "/_next/image", "/favicon.ico", "/logo.svg", "/docs/api/standalone.js"])(
    "never runs on the API or the asset %s",
    (url) => {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
    },
  );
});

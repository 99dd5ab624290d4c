import { afterEach, describe, expect, it, vi } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config, proxy } from "./proxy";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | null): Record<string, string> {
  return Object.fromEntries((policy ?? "").split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(" ")]));
}

describe("security headers of pages", () => {
  it("forbids framing when no origin is configured", () => {
    vi.stubEnv("HOOKLINE_FRAME_ANCESTORS", "");
    const headers = proxy().headers;
    expect(directives(headers.get("Content-Security-Policy"))["frame-ancestors"]).toBe("'none'");
    expect(headers.get("X-Frame-Options")).toBe("DENY");
  });

  it("allows the configured origins, read at request time", () => {
    vi.stubEnv("HOOKLINE_FRAME_ANCESTORS", "https://app.example.com, http://127.0.0.1:4000");
    const headers = proxy().headers;
    expect(directives(headers.get("Content-Security-Policy"))["frame-ancestors"]).toBe("'self' https://app.example.com http://127.0.0.1:4000");
    expect(headers.get("X-Frame-Options")).toBeNull();

    vi.stubEnv("HOOKLINE_FRAME_ANCESTORS", "https://other.example");
    expect(directives(proxy().headers.get("Content-Security-Policy"))["frame-ancestors"]).toBe("'self' https://other.example");
  });

  it("lets a page load and connect to its own origin only, and never run plugins or post forms elsewhere", () => {
    const policy = directives(proxy().headers.get("Content-Security-Policy"));
    expect(policy).toMatchObject({
      "default-src": "'self'",
      "script-src": "'self' 'unsafe-inline'",
      "connect-src": "'self'",
      "object-src": "'none'",
      "base-uri": "'self'",
      "form-action": "'self'",
    });
  });

  it("sends HSTS only when the public URL is https", () => {
    vi.stubEnv("HOOKLINE_PUBLIC_URL", "http://localhost:3000");
    expect(proxy().headers.get("Strict-Transport-Security")).toBeNull();
    vi.stubEnv("HOOKLINE_PUBLIC_URL", "https://hooks.example.com");
    expect(proxy().headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
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

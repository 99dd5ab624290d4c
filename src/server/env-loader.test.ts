import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, publicUrlFrom, ssrfGuardWarning } from "./env-loader";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "hookline-env-"));

describe("loadEnv", () => {
  it("runs embedded with nothing configured, generating its secrets once into the data dir", () => {
    const dir = tempDir();
    const first = loadEnv({ HOOKLINE_DATA_DIR: dir });
    expect(first.database).toEqual({ kind: "pglite", dir: path.join(dir, "pglite") });
    expect(first.execution).toBe("embedded");
    expect(first.encryptionKey).toHaveLength(32);
    const second = loadEnv({ HOOKLINE_DATA_DIR: dir });
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
    expect(second.nextAuthSecret).toBe(first.nextAuthSecret);
  });

  it("switches to PostgreSQL and requires real secrets there", () => {
    expect(() => loadEnv({ DATABASE_URL: "postgresql://u:p@127.0.0.1/db" })).toThrow(
      /HOOKLINE_ENCRYPTION_KEY is required[\s\S]*NEXTAUTH_SECRET is required/,
    );
    const env = loadEnv({
      DATABASE_URL: "postgresql://u:p@127.0.0.1/db",
      HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      NEXTAUTH_SECRET: "a-long-enough-secret",
    });
    expect(env.database).toEqual({ kind: "postgres", url: "postgresql://u:p@127.0.0.1/db" });
    expect(env.allowPrivateNetworks).toBe(false);
  });

  it("leaves the metrics off without a token, refuses a short one and an unknown log level", () => {
    const dir = tempDir();
    expect(loadEnv({ HOOKLINE_DATA_DIR: dir }).metricsToken).toBeUndefined();
    expect(loadEnv({ HOOKLINE_DATA_DIR: dir, HOOKLINE_METRICS_TOKEN: "0123456789abcdef" }).metricsToken).toBe("0123456789abcdef");
    expect(() => loadEnv({ HOOKLINE_DATA_DIR: dir, HOOKLINE_METRICS_TOKEN: "short", HOOKLINE_LOG_LEVEL: "verbose" })).toThrow(
      /HOOKLINE_METRICS_TOKEN: must be at least 16 characters[\s\S]*HOOKLINE_LOG_LEVEL/,
    );
  });

  it("names every bad variable in one clear error", () => {
    const attempt = () =>
      loadEnv({ DATABASE_URL: "mysql://x", HOOKLINE_ENCRYPTION_KEY: "short", NODE_ENV: "staging" });
    expect(attempt).toThrow(EnvError);
    expect(attempt).toThrow(/NODE_ENV[\s\S]*DATABASE_URL: must be a postgresql:\/\/ connection string[\s\S]*HOOKLINE_ENCRYPTION_KEY: must be 32 bytes/);
  });

  it("uses an Inngest server when its variables are set, and refuses INNGEST_DEV with it in production", () => {
    const dir = tempDir();
    const env = loadEnv({ HOOKLINE_DATA_DIR: dir, INNGEST_SIGNING_KEY: "signkey-prod-abc", INNGEST_EVENT_KEY: "ek" });
    expect(env.execution).toBe("inngest-server");
    expect(() =>
      loadEnv({ HOOKLINE_DATA_DIR: dir, NODE_ENV: "production", INNGEST_DEV: "1", INNGEST_BASE_URL: "https://inngest.example" }),
    ).toThrow(/INNGEST_DEV must not be set in production/);
  });
});

describe("HOOKLINE_ROLE", () => {
  const postgres = {
    DATABASE_URL: "postgresql://u:p@127.0.0.1/db",
    HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    NEXTAUTH_SECRET: "a-long-enough-secret",
  };
  const executorAddress = {
    INNGEST_BASE_URL: "http://127.0.0.1:3289/",
    INNGEST_SIGNING_KEY: `signkey-embedded-${"ab".repeat(32)}`,
    INNGEST_EVENT_KEY: "an-event-key",
  };

  it("is one process doing everything by default, with the worker's port at 3288", () => {
    const env = loadEnv({ HOOKLINE_DATA_DIR: tempDir() });
    expect(env.role).toBe("all");
    expect(env.workerPort).toBe(3288);
  });

  it("splits web and worker on PostgreSQL; the web process must know where to send events", () => {
    const worker = loadEnv({ ...postgres, HOOKLINE_ROLE: "worker", HOOKLINE_WORKER_PORT: "4100" });
    expect([worker.role, worker.workerPort, worker.execution]).toEqual(["worker", 4100, "embedded"]);
    expect(() => loadEnv({ ...postgres, HOOKLINE_ROLE: "web" })).toThrow(/HOOKLINE_ROLE=web needs INNGEST_BASE_URL/);
    const web = loadEnv({ ...postgres, ...executorAddress, HOOKLINE_ROLE: "web" });
    expect([web.role, web.execution]).toEqual(["web", "embedded"]);
  });

  it("refuses a split on the embedded database, an unknown role and a port out of range", () => {
    expect(() => loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOOKLINE_ROLE: "worker" })).toThrow(/HOOKLINE_ROLE=worker needs DATABASE_URL/);
    expect(() => loadEnv({ ...postgres, HOOKLINE_ROLE: "scheduler" })).toThrow(/HOOKLINE_ROLE/);
    expect(() => loadEnv({ ...postgres, HOOKLINE_WORKER_PORT: "70000" })).toThrow(/HOOKLINE_WORKER_PORT/);
  });
});

describe("quotas and rate limits", () => {
  it("defaults to limits fit for a shared install and takes each from its variable", () => {
    const defaults = loadEnv({ HOOKLINE_DATA_DIR: tempDir() });
    expect(defaults.quotas).toEqual({ endpoints: 100, apiKeys: 50, inspectorBins: 20, inspectorBytes: 25 * 1024 * 1024, deliveriesPerMessage: 100 });
    expect(defaults.requestsPerSecondPerHost).toBe(100);
    expect(defaults.inspectorRateLimit).toEqual({ perToken: 20, perAddress: 50 });
    const configured = loadEnv({
      HOOKLINE_DATA_DIR: tempDir(),
      HOOKLINE_MAX_ENDPOINTS_PER_TENANT: "5",
      HOOKLINE_MAX_API_KEYS_PER_TENANT: "6",
      HOOKLINE_MAX_INSPECTOR_BINS_PER_TENANT: "7",
      HOOKLINE_MAX_INSPECTOR_BYTES_PER_TENANT: "1048576",
      HOOKLINE_MAX_DELIVERIES_PER_MESSAGE: "8",
      HOOKLINE_MAX_REQUESTS_PER_SECOND_PER_HOST: "9",
      HOOKLINE_INSPECTOR_RATE_LIMIT_PER_TOKEN: "10",
      HOOKLINE_INSPECTOR_RATE_LIMIT_PER_ADDRESS: "11",
    });
    expect(configured.quotas).toEqual({ endpoints: 5, apiKeys: 6, inspectorBins: 7, inspectorBytes: 1048576, deliveriesPerMessage: 8 });
    expect(configured.requestsPerSecondPerHost).toBe(9);
    expect(configured.inspectorRateLimit).toEqual({ perToken: 10, perAddress: 11 });
  });

  it("refuses a quota that is zero, negative or too small to keep one capture", () => {
    expect(() => loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOOKLINE_MAX_ENDPOINTS_PER_TENANT: "0", HOOKLINE_MAX_INSPECTOR_BYTES_PER_TENANT: "1000" })).toThrow(
      /HOOKLINE_MAX_ENDPOINTS_PER_TENANT[\s\S]*HOOKLINE_MAX_INSPECTOR_BYTES_PER_TENANT: must be at least 524288 bytes/,
    );
  });
});

describe("the SSRF guard's default", () => {
  const postgres = { DATABASE_URL: "postgresql://u:p@127.0.0.1/db", HOOKLINE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), NEXTAUTH_SECRET: "a-long-enough-secret" };

  it.each(["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])("is off for an embedded install listening on %s only, with a warning", (HOST) => {
    const env = loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOST });
    expect(env.allowPrivateNetworks).toBe(true);
    expect(ssrfGuardWarning(env)).toMatch(/SSRF guard is off \(the embedded database is in use and the server listens on .+ only\)/);
  });

  it.each([undefined, "0.0.0.0", "::", "192.168.1.10", "hookline.example.com"])("is on for an embedded install listening on %s", (HOST) => {
    const env = loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOST });
    expect(env.allowPrivateNetworks).toBe(false);
    expect(ssrfGuardWarning(env)).toBeUndefined();
  });

  it("is on with PostgreSQL even on loopback (behind a local reverse proxy)", () => {
    expect(loadEnv({ ...postgres, HOST: "127.0.0.1" }).allowPrivateNetworks).toBe(false);
  });

  it("follows HOOKLINE_ALLOW_PRIVATE_NETWORKS when set, warning whenever the guard is off", () => {
    const allowed = loadEnv({ ...postgres, HOST: "0.0.0.0", HOOKLINE_ALLOW_PRIVATE_NETWORKS: "true" });
    expect(allowed.allowPrivateNetworks).toBe(true);
    expect(ssrfGuardWarning(allowed)).toMatch(/SSRF guard is off \(HOOKLINE_ALLOW_PRIVATE_NETWORKS is true\)/);
    const refused = loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOST: "127.0.0.1", HOOKLINE_ALLOW_PRIVATE_NETWORKS: "false" });
    expect(refused.allowPrivateNetworks).toBe(false);
    expect(ssrfGuardWarning(refused)).toBeUndefined();
  });
});

describe("publicUrlFrom", () => {
  it("takes HOOKLINE_PUBLIC_URL, else NEXTAUTH_URL, else localhost; empty means unset; no trailing slash", () => {
    expect(publicUrlFrom({ HOOKLINE_PUBLIC_URL: "https://hooks.example.com/", NEXTAUTH_URL: "https://app.example.com" })).toBe("https://hooks.example.com");
    expect(publicUrlFrom({ HOOKLINE_PUBLIC_URL: "", NEXTAUTH_URL: "https://app.example.com" })).toBe("https://app.example.com");
    expect(publicUrlFrom({})).toBe("http://localhost:3000");
    expect(loadEnv({ HOOKLINE_DATA_DIR: tempDir(), NEXTAUTH_URL: "https://app.example.com/" }).publicUrl).toBe("https://app.example.com");
  });
});

describe("email", () => {
  it("is off without HOOKLINE_SMTP_URL, and needs a sender and an smtp URL when on", () => {
    expect(loadEnv({ HOOKLINE_DATA_DIR: tempDir() }).email).toBeNull();
    expect(() => loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOOKLINE_SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/HOOKLINE_EMAIL_FROM is required with HOOKLINE_SMTP_URL/);
    expect(() => loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOOKLINE_SMTP_URL: "http://mail.example.com", HOOKLINE_EMAIL_FROM: "nobody" })).toThrow(
      /HOOKLINE_SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL[\s\S]*HOOKLINE_EMAIL_FROM: must be an address/,
    );
    const configured = loadEnv({ HOOKLINE_DATA_DIR: tempDir(), HOOKLINE_SMTP_URL: "smtps://u:p@smtp.example.com:465", HOOKLINE_EMAIL_FROM: "Hookline <hooks@example.com>" });
    expect(configured.email).toEqual({ smtpUrl: "smtps://u:p@smtp.example.com:465", from: "Hookline <hooks@example.com>" });
  });
});

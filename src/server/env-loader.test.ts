import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv, publicUrlFrom } from "./env-loader";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "hookline-env-"));

describe("loadEnv", () => {
  it("runs embedded with nothing configured, generating its secrets once into the data dir", () => {
    const dir = tempDir();
    const first = loadEnv({ HOOKLINE_DATA_DIR: dir });
    expect(first.database).toEqual({ kind: "pglite", dir: path.join(dir, "pglite") });
    expect(first.execution).toBe("embedded");
    expect(first.encryptionKey).toHaveLength(32);
    expect(first.allowPrivateNetworks).toBe(true);
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

describe("publicUrlFrom", () => {
  it("takes HOOKLINE_PUBLIC_URL, else NEXTAUTH_URL, else localhost; empty means unset; no trailing slash", () => {
    expect(publicUrlFrom({ HOOKLINE_PUBLIC_URL: "https://hooks.example.com/", NEXTAUTH_URL: "https://app.example.com" })).toBe("https://hooks.example.com");
    expect(publicUrlFrom({ HOOKLINE_PUBLIC_URL: "", NEXTAUTH_URL: "https://app.example.com" })).toBe("https://app.example.com");
    expect(publicUrlFrom({})).toBe("http://localhost:3000");
    expect(loadEnv({ HOOKLINE_DATA_DIR: tempDir(), NEXTAUTH_URL: "https://app.example.com/" }).publicUrl).toBe("https://app.example.com");
  });
});

import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { INSPECTOR_MAX_BODY_BYTES } from "./inspector/schemas";
import { logLevelSchema } from "./logging/log-level";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const frameAncestorsSchema = z
  .string()
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .pipe(
    z.array(
      z
        .string()
        .regex(/^https?:\/\/[^/\s;,'"]+$/, "must be a space- or comma-separated list of origins such as https://app.example.com"),
    ),
  );

/**
 * HOOKLINE_FRAME_ANCESTORS as `loadEnv` reads it, for the proxy, which runs apart from the app's modules
 * and must not load the rest of the environment (that writes local secrets on first use).
 */
export function parseFrameAncestors(value: string | undefined): string[] {
  return value ? frameAncestorsSchema.parse(value) : [];
}

/** Where a worker process serves the Inngest functions (`/api/inngest`) unless HOOKLINE_WORKER_PORT says otherwise. */
export const DEFAULT_WORKER_PORT = 3288;

/**
 * What this process does: `web` serves the app and the REST API, `worker` serves the Inngest functions from a
 * plain Node server (and runs the embedded executor), `all` does both in one process.
 */
export type Role = "web" | "worker" | "all";

const rawEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional(),
  HOOKLINE_DATA_DIR: z.string().min(1).default(".data"),
  HOOKLINE_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)")
    .optional(),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  HOOKLINE_PUBLIC_URL: z.string().url().optional(),
  HOOKLINE_ALLOW_PRIVATE_NETWORKS: booleanFlag.optional(),
  // the interface the server listens on: `npm start` passes its --host on; plain `next start` listens on all
  HOST: z.string().optional(),
  HOOKLINE_AUTO_DISABLE_AFTER_DAYS: z.coerce.number().positive().default(5),
  HOOKLINE_FAILING_AFTER_FAILURES: z.coerce.number().int().positive().default(5),
  HOOKLINE_RETRY_AFTER_MAX_SECONDS: z.coerce.number().int().positive().default(3600),
  HOOKLINE_OPERATIONAL_WEBHOOK_URL: z.string().url().optional(),
  HOOKLINE_OPERATIONAL_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be a Standard Webhooks secret: whsec_ followed by base64")
    .optional(),
  HOOKLINE_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  HOOKLINE_API_RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().default(100),
  HOOKLINE_HANDOVER_SPACING_MS: z.coerce.number().int().min(0).max(1_000).default(100),
  HOOKLINE_MAX_ENDPOINTS_PER_TENANT: z.coerce.number().int().positive().default(100),
  HOOKLINE_MAX_API_KEYS_PER_TENANT: z.coerce.number().int().positive().default(50),
  HOOKLINE_MAX_INSPECTOR_BINS_PER_TENANT: z.coerce.number().int().positive().default(20),
  HOOKLINE_MAX_INSPECTOR_BYTES_PER_TENANT: z.coerce
    .number()
    .int()
    // room for the largest capture with its headers, so the newest capture is always kept
    .min(INSPECTOR_MAX_BODY_BYTES * 2, `must be at least ${INSPECTOR_MAX_BODY_BYTES * 2} bytes (twice the largest captured body)`)
    .default(25 * 1024 * 1024),
  HOOKLINE_MAX_DELIVERIES_PER_MESSAGE: z.coerce.number().int().positive().default(100),
  HOOKLINE_MAX_REQUESTS_PER_SECOND_PER_HOST: z.coerce.number().int().positive().default(100),
  HOOKLINE_INSPECTOR_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().positive().default(20),
  HOOKLINE_INSPECTOR_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  HOOKLINE_INVALID_API_KEYS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  HOOKLINE_OPERATOR_EMAILS: z
    .string()
    .transform((v) => v.split(",").map((email) => email.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.email("must be a comma-separated list of email addresses")))
    .optional(),
  HOOKLINE_FRAME_ANCESTORS: frameAncestorsSchema.optional(),
  HOOKLINE_AUTH_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  HOOKLINE_AUTH_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  HOOKLINE_SEED_DEMO: booleanFlag.optional(),
  HOOKLINE_ROLE: z.enum(["web", "worker", "all"]).default("all"),
  HOOKLINE_WORKER_PORT: z.coerce.number().int().min(1).max(65_535).default(DEFAULT_WORKER_PORT),
  HOOKLINE_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (openssl rand -hex 32)").optional(),
  // checked here so a bad value stops the start with the others; logging/logger.ts reads it itself, since it
  // logs before (and without) the rest of the environment
  HOOKLINE_LOG_LEVEL: logLevelSchema.optional(),
  HOOKLINE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, "must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.com:465")
    .optional(),
  HOOKLINE_EMAIL_FROM: z
    .string()
    .regex(/^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, 'must be an address such as hookline@example.com or "Hookline <hookline@example.com>"')
    .optional(),
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.string().url().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_SERVE_ORIGIN: z.string().url().optional(),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  /** embedded = PGlite under dataDir; postgres = DATABASE_URL */
  database: { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };
  /** embedded = Hookline's own executor (in this process, or in the worker's); server = Inngest Cloud or self-hosted */
  execution: "embedded" | "inngest-server";
  role: Role;
  /** the port a worker process serves `/api/inngest` on */
  workerPort: number;
  /** the interface a worker process listens on: HOST, else loopback only */
  workerHost: string;
  /** INNGEST_SERVE_ORIGIN as given: a worker reports its own listen address when it is unset */
  workerServeOrigin?: string;
  dataDir: string;
  encryptionKey: Buffer;
  nextAuthSecret: string;
  publicUrl: string;
  /** the SSRF guard is off: deliveries may reach loopback, private and link-local addresses */
  allowPrivateNetworks: boolean;
  /** why the guard is off, for the start-up warning; undefined while it is on */
  privateNetworksReason?: string;
  /** an endpoint whose deliveries all fail for this long is disabled, with the reason shown */
  autoDisableAfterDays: number;
  /** failed attempts in a row after which an endpoint is failing (`endpoint.failing`, once per episode) */
  failingAfterFailures: number;
  /** the longest a receiver's Retry-After may hold a retry back, whatever the endpoint's policy allows */
  retryAfterMaxSeconds: number;
  /** the operator's destination for Hookline's own events, and its signing secret (else generated) */
  operationalWebhook?: { url: string; secret?: string };
  /** messages, deliveries and attempts older than this are purged nightly */
  retentionDays: number;
  /** REST requests each API key may make per second */
  apiRateLimitPerSecond: number;
  /** under load, the least time between two hand-overs of published deliveries to Inngest (more per run) */
  handOverSpacingMs: number;
  /** how much one tenant may hold or cause (docs/security.md, "Quotas and rate limits") */
  quotas: TenantQuotas;
  /** outbound requests per second to one destination host, all tenants together; beyond, deliveries wait */
  requestsPerSecondPerHost: number;
  /** captures per second the public inspector URL accepts per bin token, and per source address */
  inspectorRateLimit: { perToken: number; perAddress: number };
  /** invalid API keys one source address may present per minute before its requests get 429 */
  invalidApiKeysPerMinute: number;
  /** users with these emails are operators, besides those flagged by `npm run operator` */
  operatorEmails: string[];
  /** where an Inngest server reaches /api/inngest: the SDK reports it when the functions are synced */
  inngestServeOrigin: string;
  /** origins allowed to frame the portal (CSP frame-ancestors); empty: not frameable */
  frameAncestors: string[];
  /** sign-in and sign-up attempts allowed per 15 minutes (auth-throttle.ts) from one source address, and for one email */
  authAttemptsPerAddress: number;
  authAttemptsPerAccount: number;
  /** seed the demo tenants and their operator (demo@hookline.dev): always in embedded mode, on request with DATABASE_URL */
  seedDemo: boolean;
  /** bearer token GET /api/metrics requires; unset: the endpoint does not exist (404) */
  metricsToken?: string;
  /** where invitations and password resets are sent from; null: not configured, the portal shows links to copy */
  email: EmailSettings | null;
};

export type EmailSettings = { smtpUrl: string; from: string };

export type TenantQuotas = {
  endpoints: number;
  apiKeys: number;
  inspectorBins: number;
  /** bytes of captured bodies and headers kept across the tenant's bins; the oldest captures go first */
  inspectorBytes: number;
  /** endpoints one published message may fan out to */
  deliveriesPerMessage: number;
};

export class EnvError extends Error {
  constructor(problems: string[]) {
    super(`Hookline cannot start, its environment is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type LocalSecrets = { encryptionKey: string; nextAuthSecret: string };

/** Embedded mode keeps its own secrets beside its database so a fresh checkout needs no setup. */
function readOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as LocalSecrets;
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = {
    encryptionKey: randomBytes(32).toString("base64"),
    nextAuthSecret: randomBytes(32).toString("base64url"),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The origin people and webhook bodies use; also read on its own where the rest of the environment is not needed. */
export function publicUrlFrom(source: { HOOKLINE_PUBLIC_URL?: string; NEXTAUTH_URL?: string }): string {
  // empty means unset, as in loadEnv
  return (source.HOOKLINE_PUBLIC_URL || source.NEXTAUTH_URL || "http://localhost:3000").replace(/\/$/, "");
}

/** Whether only this machine can reach a server listening on `host` (unset: Next listens on every interface). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * An explicit HOOKLINE_ALLOW_PRIVATE_NETWORKS wins. Otherwise private destinations are allowed only for a
 * local install that nobody else can reach (embedded database, listening on loopback), where the demo and
 * the developer's receivers live on 127.0.0.1; a server others can reach must opt in.
 */
function privateNetworksPolicy(explicit: boolean | undefined, embeddedDatabase: boolean, host: string | undefined) {
  if (explicit !== undefined) {
    return { allowPrivateNetworks: explicit, privateNetworksReason: explicit ? "HOOKLINE_ALLOW_PRIVATE_NETWORKS is true" : undefined };
  }
  const local = embeddedDatabase && isLoopbackHost(host);
  return {
    allowPrivateNetworks: local,
    privateNetworksReason: local ? `the embedded database is in use and the server listens on ${host} only` : undefined,
  };
}

/** The start-up warning while the SSRF guard is off; undefined while it is on. */
export function ssrfGuardWarning(env: Pick<Env, "privateNetworksReason">): string | undefined {
  return env.privateNetworksReason
    ? `The SSRF guard is off (${env.privateNetworksReason}): webhooks may be sent to loopback, private and cloud metadata addresses. Set HOOKLINE_ALLOW_PRIVATE_NETWORKS=false if anyone but you can reach this server or register endpoints, including through a reverse proxy.`
    : undefined;
}

export function loadEnv(source: Record<string, string | undefined>): Env {
  // empty strings mean "unset", as in most .env tooling
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = rawEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  // keys minted by the embedded executor (signkey-embedded-…) point at this process, not at a server
  const embeddedExecutorKeys = raw.INNGEST_SIGNING_KEY?.startsWith("signkey-embedded-") ?? false;
  const usesInngestServer =
    !embeddedExecutorKeys && Boolean(raw.INNGEST_BASE_URL || raw.INNGEST_SIGNING_KEY || raw.INNGEST_EVENT_KEY);
  const embeddedDatabase = !raw.DATABASE_URL;

  if (raw.NODE_ENV === "production" && raw.INNGEST_DEV && usesInngestServer) {
    problems.push("INNGEST_DEV must not be set in production with an Inngest server: it disables request signing");
  }
  if (usesInngestServer && !raw.INNGEST_DEV) {
    if (!raw.INNGEST_SIGNING_KEY) problems.push("INNGEST_SIGNING_KEY is required to use an Inngest server");
    if (!raw.INNGEST_EVENT_KEY) problems.push("INNGEST_EVENT_KEY is required to send events to an Inngest server");
  }
  if (raw.HOOKLINE_ROLE !== "all" && embeddedDatabase) {
    problems.push(`HOOKLINE_ROLE=${raw.HOOKLINE_ROLE} needs DATABASE_URL: the embedded database opens in one process only, so web and worker run as one (HOOKLINE_ROLE=all)`);
  }
  if (raw.HOOKLINE_ROLE === "web" && !raw.INNGEST_BASE_URL && !raw.INNGEST_DEV) {
    problems.push(
      "HOOKLINE_ROLE=web needs INNGEST_BASE_URL (with INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY): the Inngest server's address, or the worker's embedded executor as `npm start` sets it",
    );
  }
  if (!embeddedDatabase && !raw.HOOKLINE_ENCRYPTION_KEY) {
    problems.push("HOOKLINE_ENCRYPTION_KEY is required with DATABASE_URL (openssl rand -base64 32)");
  }
  if (!embeddedDatabase && !raw.NEXTAUTH_SECRET) {
    problems.push("NEXTAUTH_SECRET is required with DATABASE_URL (openssl rand -base64 32)");
  }
  if (raw.HOOKLINE_SMTP_URL && !raw.HOOKLINE_EMAIL_FROM) {
    problems.push("HOOKLINE_EMAIL_FROM is required with HOOKLINE_SMTP_URL (the sender your mail server accepts)");
  }
  if (problems.length) throw new EnvError(problems);

  const workerHost = raw.HOST ?? "127.0.0.1";
  const dataDir = path.resolve(raw.HOOKLINE_DATA_DIR);
  const local = embeddedDatabase ? readOrCreateLocalSecrets(dataDir) : undefined;
  return {
    nodeEnv: raw.NODE_ENV,
    database: raw.DATABASE_URL
      ? { kind: "postgres", url: raw.DATABASE_URL }
      : { kind: "pglite", dir: path.join(dataDir, "pglite") },
    execution: usesInngestServer ? "inngest-server" : "embedded",
    role: raw.HOOKLINE_ROLE,
    workerPort: raw.HOOKLINE_WORKER_PORT,
    workerHost,
    dataDir,
    encryptionKey: Buffer.from(raw.HOOKLINE_ENCRYPTION_KEY ?? local!.encryptionKey, "base64"),
    nextAuthSecret: raw.NEXTAUTH_SECRET ?? local!.nextAuthSecret,
    publicUrl: publicUrlFrom(raw),
    inngestServeOrigin: (raw.INNGEST_SERVE_ORIGIN ?? publicUrlFrom(raw)).replace(/\/$/, ""),
    workerServeOrigin: raw.INNGEST_SERVE_ORIGIN?.replace(/\/$/, ""),
    ...privateNetworksPolicy(raw.HOOKLINE_ALLOW_PRIVATE_NETWORKS, embeddedDatabase, raw.HOST),
    autoDisableAfterDays: raw.HOOKLINE_AUTO_DISABLE_AFTER_DAYS,
    failingAfterFailures: raw.HOOKLINE_FAILING_AFTER_FAILURES,
    retryAfterMaxSeconds: raw.HOOKLINE_RETRY_AFTER_MAX_SECONDS,
    operationalWebhook: raw.HOOKLINE_OPERATIONAL_WEBHOOK_URL
      ? { url: raw.HOOKLINE_OPERATIONAL_WEBHOOK_URL, secret: raw.HOOKLINE_OPERATIONAL_WEBHOOK_SECRET }
      : undefined,
    retentionDays: raw.HOOKLINE_RETENTION_DAYS,
    apiRateLimitPerSecond: raw.HOOKLINE_API_RATE_LIMIT_PER_SECOND,
    handOverSpacingMs: raw.HOOKLINE_HANDOVER_SPACING_MS,
    quotas: {
      endpoints: raw.HOOKLINE_MAX_ENDPOINTS_PER_TENANT,
      apiKeys: raw.HOOKLINE_MAX_API_KEYS_PER_TENANT,
      inspectorBins: raw.HOOKLINE_MAX_INSPECTOR_BINS_PER_TENANT,
      inspectorBytes: raw.HOOKLINE_MAX_INSPECTOR_BYTES_PER_TENANT,
      deliveriesPerMessage: raw.HOOKLINE_MAX_DELIVERIES_PER_MESSAGE,
    },
    requestsPerSecondPerHost: raw.HOOKLINE_MAX_REQUESTS_PER_SECOND_PER_HOST,
    inspectorRateLimit: {
      perToken: raw.HOOKLINE_INSPECTOR_RATE_LIMIT_PER_TOKEN,
      perAddress: raw.HOOKLINE_INSPECTOR_RATE_LIMIT_PER_ADDRESS,
    },
    invalidApiKeysPerMinute: raw.HOOKLINE_INVALID_API_KEYS_PER_MINUTE,
    operatorEmails: raw.HOOKLINE_OPERATOR_EMAILS ?? [],
    frameAncestors: raw.HOOKLINE_FRAME_ANCESTORS ?? [],
    authAttemptsPerAddress: raw.HOOKLINE_AUTH_ATTEMPTS_PER_ADDRESS,
    authAttemptsPerAccount: raw.HOOKLINE_AUTH_ATTEMPTS_PER_ACCOUNT,
    seedDemo: raw.HOOKLINE_SEED_DEMO ?? embeddedDatabase,
    metricsToken: raw.HOOKLINE_METRICS_TOKEN,
    email: raw.HOOKLINE_SMTP_URL ? { smtpUrl: raw.HOOKLINE_SMTP_URL, from: raw.HOOKLINE_EMAIL_FROM! } : null,
  };
}

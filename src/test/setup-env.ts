import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

// Tests never touch the developer's .data/: each worker gets its own data dir, and fixed secrets so
// the PostgreSQL run (DATABASE_URL set) validates like production does.
process.env.HOOKLINE_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "hookline-test-"));
process.env.HOOKLINE_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
process.env.NEXTAUTH_SECRET ??= randomBytes(24).toString("base64url");
process.env.HOOKLINE_ALLOW_PRIVATE_NETWORKS ??= "true";
process.env.HOOKLINE_PUBLIC_URL ??= "http://hookline.test";
// Test receivers all listen on 127.0.0.1, one destination host for every delivery of a suite; the
// per-host limit's own test configures a small one.
process.env.HOOKLINE_MAX_REQUESTS_PER_SECOND_PER_HOST ??= "1000000";

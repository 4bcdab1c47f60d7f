// Test process configuration: fixed secrets (so DB tests can also run with DATABASE_URL set, where the
// app requires them from the environment) and a throwaway data directory instead of ./data.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.SESSION_SECRET ??= "test-session-secret-test-session-secret-0123";
process.env.DATA_ENCRYPTION_KEY ??= "5e".repeat(32);
process.env.DATA_DIR ??= mkdtempSync(join(tmpdir(), "tuoyu-vitest-"));

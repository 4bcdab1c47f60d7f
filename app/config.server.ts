// Environment, validated once at start-up with readable errors (issue 1 item 9). Secrets are generated
// into the data directory for the embedded default; on PostgreSQL (a real deployment) they must come
// from the environment.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  UPLOAD_DIR: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z.string().url("must be a URL such as https://tuoyu.example.gov.cn").optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DATA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "must be 64 hex characters (32 bytes)")
    .optional(),
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  ALLOW_DEMO: z.enum(["0", "1"]).default("0"),
  DEMO_WORLD: z.enum(["0", "1"], { error: "must be 0 or 1" }).default("1"),
  CLOCK_OFFSET_DAYS: z.coerce.number().int("must be a whole number of days").min(-3650).max(3650).default(0),
});

export type Config = {
  databaseUrl: string | null;
  port: number;
  host: string;
  dataDir: string;
  uploadDir: string;
  publicBaseUrl: string;
  sessionSecret: string;
  dataEncryptionKey: string;
  trustProxy: boolean;
  allowDemo: boolean;
  /** Embedded mode: seed the demo world (facilities, filings, batches…) on first start, not only the accounts. */
  demoWorld: boolean;
  /** Business-date offset for end-to-end tests of dated workflows; embedded mode only. */
  clockOffsetDays: number;
};

export class ConfigError extends Error {}

type Secrets = { sessionSecret: string; dataEncryptionKey: string };

function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    const secrets = z.object({ sessionSecret: z.string(), dataEncryptionKey: z.string() }).parse(parsed);
    return secrets;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets = { sessionSecret: randomBytes(32).toString("hex"), dataEncryptionKey: randomBytes(32).toString("hex") };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (环境变量配置有误):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  if (e.DATABASE_URL && e.CLOCK_OFFSET_DAYS !== 0) {
    throw new ConfigError("Invalid configuration (环境变量配置有误):\n  CLOCK_OFFSET_DAYS: only for the embedded evaluation mode, never with DATABASE_URL");
  }
  let secrets: Secrets;
  if (e.DATABASE_URL) {
    const missing = [
      !e.SESSION_SECRET && "SESSION_SECRET (≥ 32 characters)",
      !e.DATA_ENCRYPTION_KEY && "DATA_ENCRYPTION_KEY (64 hex characters)",
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new ConfigError(
        `Invalid configuration (环境变量配置有误): with DATABASE_URL these must be set in the environment:\n  ${missing.join("\n  ")}`,
      );
    }
    secrets = { sessionSecret: e.SESSION_SECRET as string, dataEncryptionKey: e.DATA_ENCRYPTION_KEY as string };
  } else {
    secrets = loadOrCreateSecrets(dataDir);
  }
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    uploadDir: resolve(e.UPLOAD_DIR ?? join(dataDir, "uploads")),
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    sessionSecret: secrets.sessionSecret,
    dataEncryptionKey: secrets.dataEncryptionKey,
    trustProxy: e.TRUST_PROXY === "1",
    allowDemo: e.ALLOW_DEMO === "1",
    demoWorld: e.DEMO_WORLD === "1",
    clockOffsetDays: e.CLOCK_OFFSET_DAYS,
  };
}

let cached: Config | null = null;
export function config(): Config {
  if (!cached) cached = loadConfig();
  return cached;
}

// `npm start`: builds if needed, opens the database (PGlite in ./data by default: migrated and seeded),
// and serves the Remix app with express on PORT (3000). Shuts down gracefully on SIGTERM/SIGINT.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { closeAppDb, setAppDb } from "../../db/client";
import { config, ConfigError } from "../config.server";
import { SESSION_COOKIE } from "../auth/session.server";
import { bootDatabase } from "./boot.server";
import { checkOrigin } from "./security";

const ROOT = resolve(import.meta.dirname, "../..");
const BUILD_ENTRY = join(ROOT, "build/server/index.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const sources = Math.max(...["app", "db", "rules", "public"].map((d) => newestMtime(join(ROOT, d))), statSync(join(ROOT, "package.json")).mtimeMs);
  if (existsSync(BUILD_ENTRY) && statSync(BUILD_ENTRY).mtimeMs >= sources) return;
  console.log("Building the app (构建中)…");
  const result = spawnSync(process.execPath, [join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("The build failed.");
}

async function main() {
  const cfg = config();
  if (cfg.clockOffsetDays !== 0) {
    (globalThis as { __tuoyuClockOffsetDays?: number }).__tuoyuClockOffsetDays = cfg.clockOffsetDays;
    console.warn(`CLOCK_OFFSET_DAYS=${cfg.clockOffsetDays}: business dates are shifted (test clock)`);
  }
  buildIfNeeded();
  await setAppDb(() => bootDatabase(cfg));
  const build = (await import(pathToFileURL(BUILD_ENTRY).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  if (cfg.trustProxy) app.set("trust proxy", true);
  const extraHosts = [new URL(cfg.publicBaseUrl).host];

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    // the client address Remix sees: the socket's, or the proxy's header when TRUST_PROXY=1
    req.headers["x-tuoyu-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const verdict = checkOrigin({
      method: req.method,
      pathname: req.path,
      host: req.headers.host,
      origin: req.headers.origin,
      referer: req.headers.referer,
      hasSessionCookie: (req.headers.cookie ?? "").split(";").some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`)),
      extraHosts,
    });
    if (!verdict.ok) {
      res.status(403).type("text/plain; charset=utf-8").send("403 跨站请求已拒绝 / Cross-site request refused");
      return;
    }
    next();
  });
  app.use("/assets", express.static(join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(join(ROOT, "build/client"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: "production" }));

  const server = app.listen(cfg.port, cfg.host, () => {
    const where = cfg.databaseUrl ? "PostgreSQL" : `PGlite (${join(cfg.dataDir, "pglite")})`;
    console.log(`Tuoyu listening on http://localhost:${cfg.port} — database: ${where}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down…`);
    server.close(() => {
      closeAppDb()
        .catch((error: unknown) => console.error(error))
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch(async (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  await closeAppDb().catch(() => {});
  process.exit(1);
});

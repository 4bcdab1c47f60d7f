// Shared by the public JSON endpoints under /api/rules (RULES.md "Contract"): plain JSON responses,
// bilingual refusals in the contract's `{ errors }` shape, and the per-address rate limit. No login.
import { getDb } from "../../db/client";
import { requestIp } from "../auth/session.server";
import type { Text } from "../../rules/engine/types";
import { hit, LIMITS } from "./rate-limit.server";

// A plain Response rather than `data()`: with single fetch, `data()` from a resource route is encoded for
// Remix's own client, and external callers need ordinary JSON.
export function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export function refusal(status: number, message: Text, headers?: Record<string, string>): Response {
  return json({ errors: [{ path: "", message }] }, status, headers);
}

export const INTERNAL_ERROR: Text = { zh: "服务器内部错误，请稍后再试", en: "Internal error; please try again later" };

/**
 * Counts one request from the caller's address (`api:ip:<ip>`, shared by every public endpoint) and
 * returns a 429 refusal with `Retry-After` once the address is over the limit, else null.
 */
export async function rateLimited(request: Request): Promise<Response | null> {
  const db = await getDb();
  // Without the server entry's header (a direct call in tests) all such callers share one bucket.
  const ip = requestIp(request) ?? "unknown";
  const blocked = await hit(db, `api:ip:${ip}`, LIMITS.publicApi);
  if (!blocked) return null;
  const seconds = Math.max(1, Math.ceil((blocked.getTime() - Date.now()) / 1000));
  return refusal(
    429,
    { zh: `请求过于频繁，请 ${seconds} 秒后再试`, en: `Too many requests; try again in ${seconds} seconds` },
    { "Retry-After": String(seconds) },
  );
}

// POST /api/rules/evaluate — the rules contract over HTTP (RULES.md "Contract"). No login: it touches no
// stored data. Rate-limited per client address in the database so that several app servers share the
// count. Always JSON, never a stack trace: other systems parse whatever we answer.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { evaluateRequest } from "../../rules/request";
import { requestIp } from "../auth/session.server";
import { hit, LIMITS } from "../services/rate-limit.server";
import { todayInShanghai } from "../utils/format";

type Text = { zh: string; en: string };

// A plain Response rather than `data()`: with single fetch, `data()` from a resource route is encoded for
// Remix's own client, and external callers need ordinary JSON.
function json(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

function refusal(status: number, message: Text, headers?: Record<string, string>): Response {
  return json({ errors: [{ path: "", message }] }, status, headers);
}

// A snapshot is a few kilobytes; a body far larger is refused before it is parsed.
const MAX_BODY_CHARS = 1_000_000;
const TOO_LARGE: Text = { zh: "请求体过大（上限 1 MB）", en: "The request body is too large (1 MB at most)" };

const METHOD_HINT: Text = {
  zh: "请使用 POST 提交 JSON 格式的机构快照（见 RULES.md「Contract」）",
  en: "POST a facility snapshot as JSON (see RULES.md \"Contract\")",
};

export async function loader() {
  return refusal(405, METHOD_HINT, { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return refusal(405, METHOD_HINT, { Allow: "POST" });
  try {
    const db = await getDb();
    // Without the server entry's header (a direct call in tests) all such callers share one bucket.
    const ip = requestIp(request) ?? "unknown";
    const blocked = await hit(db, `api:ip:${ip}`, LIMITS.publicApi);
    if (blocked) {
      const seconds = Math.max(1, Math.ceil((blocked.getTime() - Date.now()) / 1000));
      return refusal(
        429,
        { zh: `请求过于频繁，请 ${seconds} 秒后再试`, en: `Too many requests; try again in ${seconds} seconds` },
        { "Retry-After": String(seconds) },
      );
    }
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_CHARS) return refusal(413, TOO_LARGE);
    const text = await request.text();
    if (text.length > MAX_BODY_CHARS) return refusal(413, TOO_LARGE);
    const result = evaluateRequest(text, { today: todayInShanghai() });
    return json(result.body, result.status);
  } catch (error) {
    // The operator's log gets the detail; the caller gets a generic message.
    console.error("POST /api/rules/evaluate failed", error);
    return refusal(500, { zh: "服务器内部错误，请稍后再试", en: "Internal error; please try again later" });
  }
}

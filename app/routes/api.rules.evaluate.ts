// POST /api/rules/evaluate — the rules contract over HTTP (RULES.md "Contract"). No login: it touches no
// stored data. Rate-limited per client address in the database so that several app servers share the
// count. Always JSON, never a stack trace: other systems parse whatever we answer.
import type { ActionFunctionArgs } from "@remix-run/node";
import type { Text } from "../../rules/engine/types";
import { evaluateRequest } from "../../rules/request";
import { INTERNAL_ERROR, json, rateLimited, refusal } from "../services/public-api.server";
import { todayInShanghai } from "../utils/format";

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
    const limited = await rateLimited(request);
    if (limited) return limited;
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_CHARS) return refusal(413, TOO_LARGE);
    const text = await request.text();
    if (text.length > MAX_BODY_CHARS) return refusal(413, TOO_LARGE);
    const result = evaluateRequest(text, { today: todayInShanghai() });
    return json(result.body, result.status);
  } catch (error) {
    // The operator's log gets the detail; the caller gets a generic message.
    console.error("POST /api/rules/evaluate failed", error);
    return refusal(500, INTERNAL_ERROR);
  }
}

// GET /api/rules/parameters?jurisdiction=<code>&asOf=YYYY-MM-DD — the parameters in force for a
// jurisdiction on a date (the CLI's `params` over HTTP; RULES.md "Contract"). asOf defaults to today in
// Asia/Shanghai. No login: it touches no stored data. Rate-limited like POST /api/rules/evaluate.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { Text } from "../../rules/engine/types";
import { parametersRequest } from "../../rules/request";
import { INTERNAL_ERROR, json, rateLimited, refusal } from "../services/public-api.server";
import { todayInShanghai } from "../utils/format";

const METHOD_HINT: Text = {
  zh: "请使用 GET，例如 /api/rules/parameters?jurisdiction=340321&asOf=2026-03-01",
  en: "Use GET, e.g. /api/rules/parameters?jurisdiction=340321&asOf=2026-03-01",
};

export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const limited = await rateLimited(request);
    if (limited) return limited;
    const query = new URL(request.url).searchParams;
    // An empty value (`?asOf=`) is treated as absent.
    const jurisdiction = query.get("jurisdiction") || undefined;
    const asOf = query.get("asOf") || undefined;
    const result = parametersRequest(jurisdiction, { today: todayInShanghai(), asOf });
    return json(result.body, result.status);
  } catch (error) {
    // The operator's log gets the detail; the caller gets a generic message.
    console.error("GET /api/rules/parameters failed", error);
    return refusal(500, INTERNAL_ERROR);
  }
}

export async function action() {
  return refusal(405, METHOD_HINT, { Allow: "GET" });
}

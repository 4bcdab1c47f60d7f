// GET /api/rules/openapi.json — the OpenAPI 3.1 description of the public rules endpoints, generated from
// the zod schemas (rules/openapi.ts). No login, cacheable: it changes only with a deployment.
import type { Text } from "../../rules/engine/types";
import { rulesOpenApi, type OpenApiDocument } from "../../rules/openapi";
import { INTERNAL_ERROR, json, refusal } from "../services/public-api.server";

const METHOD_HINT: Text = { zh: "请使用 GET 获取接口说明", en: "Use GET to fetch the API description" };

// Built once per process: the document depends only on the code.
let document: OpenApiDocument | null = null;

export async function loader() {
  try {
    document ??= rulesOpenApi();
    return json(document, 200, { "Cache-Control": "public, max-age=300" });
  } catch (error) {
    console.error("GET /api/rules/openapi.json failed", error);
    return refusal(500, INTERNAL_ERROR);
  }
}

export async function action() {
  return refusal(405, METHOD_HINT, { Allow: "GET" });
}

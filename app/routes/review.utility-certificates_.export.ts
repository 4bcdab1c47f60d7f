// GET /review/utility-certificates/export?format=csv|xlsx — the reviewer's list of valid utility price
// certificates (scoped like the page) as a download for the utility companies. A resource route: a page
// route's loader cannot hand a file to a browser's document request.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { utilityDownload, validUtilityCertificates } from "../services/measures.server";
import { todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review:filing:jurisdiction");
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  return guarded(async () => {
    const today = todayInShanghai();
    return utilityDownload(await validUtilityCertificates(await getDb(), actor, today), format, today);
  });
}

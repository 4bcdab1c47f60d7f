// GET /union/export.xlsx?q=&county=&openness=&inclusive=&awarded= — the union officer's directory of
// employer-run programmes (the same filters and scope as /union, every row, not one page) as an XLSX
// download, in the user's language. A resource route: a page route cannot hand a file to a browser's
// document request. The employer's contact person and phone stay out of the file.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { requirePermission } from "../auth/session.server";
import { langFromCookie } from "../i18n/i18n";
import { directoryQueryFrom, unionDownload } from "../services/union.server";
import { todayInShanghai } from "../utils/format";
import { guarded } from "../utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "view:programme:jurisdiction");
  return guarded(async () =>
    unionDownload(await getDb(), actor, directoryQueryFrom(new URL(request.url)), langFromCookie(request.headers.get("cookie")), todayInShanghai()),
  );
}

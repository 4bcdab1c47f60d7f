import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "../auth/session.server";
import { DEFAULT_LANG, isLang, LANG_COOKIE } from "../i18n/i18n";

// The language switch: remembered for a year in a cookie; works without JavaScript.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const chosen = isLang(lang) ? lang : DEFAULT_LANG;
  return redirect(safeRedirect(form.get("redirectTo"), "/"), {
    headers: { "Set-Cookie": `${LANG_COOKIE}=${encodeURIComponent(chosen)}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}

export function loader() {
  return redirect("/");
}

import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db/client";
import { blankSessionCookie, validateSession } from "../auth/session.server";
import { logout } from "../services/users.server";

export async function action({ request }: ActionFunctionArgs) {
  const db = await getDb();
  const actor = await validateSession(db, request);
  if (actor) await logout(db, actor);
  return redirect("/login?flash=signedOut", { headers: { "Set-Cookie": blankSessionCookie(request) } });
}

export function loader() {
  return redirect("/");
}

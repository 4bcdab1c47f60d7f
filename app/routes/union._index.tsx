import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RoleHome } from "../components/role-home";
import { titleMeta } from "../i18n/i18n";
import { loadRoleHome } from "../services/home.server";

export const meta = titleMeta("home.union_officer.title");

export function loader({ request }: LoaderFunctionArgs) {
  return loadRoleHome(request, "union_officer", "view:programme:jurisdiction");
}

export default function UnionHome() {
  return <RoleHome data={useLoaderData<typeof loader>()} />;
}

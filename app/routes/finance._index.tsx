import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RoleHome } from "../components/role-home";
import { titleMeta } from "../i18n/i18n";
import { loadRoleHome } from "../services/home.server";

export const meta = titleMeta("home.finance_officer.title");

export function loader({ request }: LoaderFunctionArgs) {
  return loadRoleHome(request, "finance_officer", "approve:batch:jurisdiction");
}

export default function FinanceHome() {
  return <RoleHome data={useLoaderData<typeof loader>()} />;
}

import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLE_HOME } from "../auth/permissions";
import { requireUser } from "../auth/session.server";
import { PageHeader } from "../components/layout";
import { titleMeta } from "../i18n/i18n";

export const meta = titleMeta("home.title");

// Each role lands on its own home; a user holding several roles chooses.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const [only] = actor.roles;
  if (actor.roles.length === 1 && only) throw redirect(ROLE_HOME[only]);
  return { roles: actor.roles };
}

export default function Home() {
  const { t } = useTranslation();
  const { roles } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t("home.title")} intro={t("home.chooseRole")} />
      <ul className="tile-list">
        {roles.map((role) => (
          <li key={role}>
            <Link to={ROLE_HOME[role]} className="tile">
              <strong>{t(`home.${role}.title`)}</strong>
              <span>{t(`home.${role}.intro`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

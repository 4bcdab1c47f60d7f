import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titleMeta } from "../i18n/i18n";

export const meta = titleMeta("app.tagline");

export default function PublicHome() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section className="hero">
        <h1>{t("public.title")}</h1>
        <p className="hero__lead">{t("app.tagline")}</p>
        <p>{t("public.intro")}</p>
        <p>
          <Link to="/login" className="button">
            {t("public.staffSignIn")}
          </Link>{" "}
          <Link to="/policies" className="button button--secondary">
            {t("policies.homeLink")}
          </Link>{" "}
          <Link to="/directory" className="button button--secondary">
            {t("filing.directory.homeLink")}
          </Link>
        </p>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="who">
          <h2 id="who">{t("public.whoTitle")}</h2>
          <ul className="plain-list">
            <li>{t("public.whoOperator")}</li>
            <li>{t("public.whoGov")}</li>
            <li>{t("public.whoPublic")}</li>
          </ul>
        </section>
        <section className="card" aria-labelledby="cities">
          <h2 id="cities">{t("public.citiesTitle")}</h2>
          <ul className="plain-list">
            <li>{t("public.cityBengbu")}</li>
            <li>{t("public.cityAlar")}</li>
          </ul>
          <p className="muted">{t("policies.homeText")}</p>
        </section>
      </div>
    </div>
  );
}

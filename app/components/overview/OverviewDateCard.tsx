// The jurisdiction overview's date card: the date the counts are for (a GET form, so it works without
// JavaScript), a way back to today, and what the numbers cover — scope, facility count, date, rules version.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../i18n/i18n";
import type { Overview } from "../../services/overview.server";
import { formatDate } from "../../utils/format";

export function OverviewDateCard({ today, asOf, dateInvalid, overview, lang }: { today: string; asOf: string; dateInvalid: boolean; overview: Overview; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <Form
        method="get"
        className="inline-form"
        style={{
          display: "flex",
          gap: ".75rem",
          alignItems: "flex-end",
          flexWrap: "wrap",
        }}
      >
        <label>
          {t("overview.date")}
          <input
            type="date"
            name="date"
            defaultValue={asOf}
            aria-invalid={dateInvalid || undefined}
          />
        </label>
        <button type="submit" className="button">
          {t("overview.show")}
        </button>
        {asOf !== today ? (
          <Link to="/review/overview">{t("overview.today")}</Link>
        ) : null}
      </Form>
      {dateInvalid ? <p role="alert">{t("filing.validation.date")}</p> : null}
      <p className="small muted">
        {t("overview.scope", {
          name: lang === "en" ? overview.scopeNameEn : overview.scopeNameZh,
          count: overview.facilities,
        })}{" "}
        · {t("overview.asOf", { date: formatDate(asOf, lang) })} ·{" "}
        {t("overview.rulesVersion", { version: overview.rulesVersion })}
      </p>
    </section>
  );
}

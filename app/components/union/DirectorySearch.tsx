// The union directory's search: employer or facility name, county, openness, 普惠 and awarded filters. A GET
// form, so it works without JavaScript and every result page has its own address.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/use-lang";
import { OPENNESS_FILTERS } from "../../services/union.schemas";

export type DirectoryFilters = { q: string; county: string; openness: string; inclusive: string; awarded: string };

export type DirectoryPlace = { code: string; nameZh: string; nameEn: string };

type Props = { filters: DirectoryFilters; filtered: boolean; scope: string | null; places: readonly DirectoryPlace[] };

export function DirectorySearch({ filters, filtered, scope, places }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const placeName = (p: DirectoryPlace) => (lang === "en" ? p.nameEn : p.nameZh);
  return (
    <section className="card" aria-labelledby="search-title">
      <h2 id="search-title" className="visually-hidden">
        {t("union.directory.submit")}
      </h2>
      {/* keyed by the query so that Back/Forward show the fields of the page they land on */}
      <Form method="get" role="search" className="form-grid" key={JSON.stringify(filters)}>
        <div className="field">
          <label htmlFor="q">{t("union.directory.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder={t("union.directory.searchPlaceholder")} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="county">{t("union.directory.county")}</label>
          <select id="county" name="county" defaultValue={filters.county}>
            <option value="">{t("union.directory.allCounties")}</option>
            {places
              .filter((p) => p.code !== scope)
              .map((p) => (
                <option key={p.code} value={p.code}>
                  {placeName(p)}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="openness">{t("union.directory.openness")}</label>
          <select id="openness" name="openness" defaultValue={filters.openness}>
            <option value="">{t("union.directory.opennessAny")}</option>
            {OPENNESS_FILTERS.map((o) => (
              <option key={o} value={o}>
                {t(`union.openness.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inclusive">{t("union.directory.inclusive")}</label>
          <select id="inclusive" name="inclusive" defaultValue={filters.inclusive}>
            <option value="">{t("union.directory.inclusiveAny")}</option>
            <option value="yes">{t("union.directory.inclusiveYes")}</option>
            <option value="no">{t("union.directory.inclusiveNo")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="awarded">{t("union.directory.awarded")}</label>
          <select id="awarded" name="awarded" defaultValue={filters.awarded}>
            <option value="">{t("union.directory.awardedAny")}</option>
            <option value="yes">{t("union.directory.awardedYes")}</option>
            <option value="no">{t("union.directory.awardedNo")}</option>
          </select>
        </div>
        <div className="field--wide row-actions">
          <button type="submit" className="button">
            {t("union.directory.submit")}
          </button>
          {filtered ? <Link to="/union">{t("union.directory.reset")}</Link> : null}
        </div>
      </Form>
    </section>
  );
}
